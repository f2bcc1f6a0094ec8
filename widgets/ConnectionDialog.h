#pragma once

#include "ConnectionProfile.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QListWidget;
class QSettings;
class QSpinBox;

namespace quotadesk {

class ProfileStore;

// Choose or edit a saved profile and connect. The password field is never saved; it starts filled from
// QUOTADESK_REDIS_PASSWORD when that is set.
class ConnectionDialog : public QDialog
{
    Q_OBJECT

public:
    ConnectionDialog(QSettings& settings, QWidget* parent = nullptr);
    ~ConnectionDialog() override;

    ConnectionProfile profile() const;
    void setProfile(const ConnectionProfile& profile);
    QString password() const;
    RedisEndpoint endpoint() const { return profile().endpoint(password()); }

private:
    void reloadList();
    void saveProfile();
    void removeProfile();

    std::unique_ptr<ProfileStore> m_store;
    QListWidget* m_list;
    QLineEdit* m_name;
    QLineEdit* m_host;
    QSpinBox* m_port;
    QSpinBox* m_db;
    QLineEdit* m_user;
    QLineEdit* m_password;
    QCheckBox* m_tls;
    QLineEdit* m_caFile;
    QCheckBox* m_insecure;
    QLineEdit* m_prefix;
};

} // namespace quotadesk
