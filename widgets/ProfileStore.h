#pragma once

#include "ConnectionProfile.h"

#include <QList>
#include <QString>

class QSettings;

namespace quotadesk {

// Saved connection profiles and the last one used, in QSettings (group "profiles"). Never a password.
class ProfileStore
{
public:
    explicit ProfileStore(QSettings& settings);

    QList<ConnectionProfile> profiles() const;
    void save(const ConnectionProfile& profile); // replaces the profile of the same name
    void remove(const QString& name);
    QString lastUsed() const;
    void setLastUsed(const QString& name);

private:
    void write(const QList<ConnectionProfile>& profiles);

    QSettings& m_settings;
};

} // namespace quotadesk
