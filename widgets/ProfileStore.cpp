#include "ProfileStore.h"

#include <QSettings>

namespace quotadesk {

ProfileStore::ProfileStore(QSettings& settings) : m_settings(settings)
{}

QList<ConnectionProfile> ProfileStore::profiles() const
{
    QList<ConnectionProfile> out;
    const int n = m_settings.beginReadArray(QStringLiteral("profiles"));
    for (int i = 0; i < n; ++i) {
        m_settings.setArrayIndex(i);
        ConnectionProfile p;
        p.name = m_settings.value(QStringLiteral("name")).toString();
        p.host = m_settings.value(QStringLiteral("host"), p.host).toString();
        p.port = m_settings.value(QStringLiteral("port"), p.port).toInt();
        p.db = m_settings.value(QStringLiteral("db"), 0).toInt();
        p.user = m_settings.value(QStringLiteral("user")).toString();
        p.tls = m_settings.value(QStringLiteral("tls"), false).toBool();
        p.caFile = m_settings.value(QStringLiteral("caFile")).toString();
        p.insecure = m_settings.value(QStringLiteral("insecure"), false).toBool();
        p.prefix = m_settings.value(QStringLiteral("prefix"), p.prefix).toString();
        if (!p.name.isEmpty())
            out.append(p);
    }
    m_settings.endArray();
    return out;
}

void ProfileStore::write(const QList<ConnectionProfile>& profiles)
{
    m_settings.remove(QStringLiteral("profiles"));
    m_settings.beginWriteArray(QStringLiteral("profiles"), int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const ConnectionProfile& p = profiles[i];
        m_settings.setArrayIndex(i);
        m_settings.setValue(QStringLiteral("name"), p.name);
        m_settings.setValue(QStringLiteral("host"), p.host);
        m_settings.setValue(QStringLiteral("port"), p.port);
        m_settings.setValue(QStringLiteral("db"), p.db);
        m_settings.setValue(QStringLiteral("user"), p.user);
        m_settings.setValue(QStringLiteral("tls"), p.tls);
        m_settings.setValue(QStringLiteral("caFile"), p.caFile);
        m_settings.setValue(QStringLiteral("insecure"), p.insecure);
        m_settings.setValue(QStringLiteral("prefix"), p.prefix);
    }
    m_settings.endArray();
}

void ProfileStore::save(const ConnectionProfile& profile)
{
    QList<ConnectionProfile> all = profiles();
    bool replaced = false;
    for (ConnectionProfile& p : all) {
        if (p.name == profile.name) {
            p = profile;
            replaced = true;
        }
    }
    if (!replaced)
        all.append(profile);
    write(all);
}

void ProfileStore::remove(const QString& name)
{
    QList<ConnectionProfile> all = profiles();
    all.removeIf([&](const ConnectionProfile& p) { return p.name == name; });
    write(all);
}

QString ProfileStore::lastUsed() const
{
    return m_settings.value(QStringLiteral("lastProfile")).toString();
}

void ProfileStore::setLastUsed(const QString& name)
{
    m_settings.setValue(QStringLiteral("lastProfile"), name);
}

} // namespace quotadesk
