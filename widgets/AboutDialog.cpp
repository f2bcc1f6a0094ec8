#include "AboutDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace quotadesk {

namespace {

QString compilerDescription()
{
#if defined(__clang__)
    return QStringLiteral("Clang %1.%2.%3")
        .arg(__clang_major__)
        .arg(__clang_minor__)
        .arg(__clang_patchlevel__);
#elif defined(__GNUC__)
    return QStringLiteral("GCC %1.%2.%3").arg(__GNUC__).arg(__GNUC_MINOR__).arg(__GNUC_PATCHLEVEL__);
#else
    return QStringLiteral("unknown compiler");
#endif
}

QLabel* selectableLabel(const QString& text, const QString& name, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

} // namespace

QString AboutDialog::buildDescription()
{
    return tr("%1 · Qt %2 (built with %3) · %4")
        .arg(compilerDescription(), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
             QStringLiteral(QUOTADESK_BUILD_TYPE));
}

QString AboutDialog::serverDescription(const ConnectionStatus& status)
{
    if (status.state != ConnectionStatus::State::Connected)
        return tr("Not connected");
    if (status.redisVersion.isEmpty())
        return tr("Redis (version not reported) at %1").arg(status.server);
    return tr("Redis %1 at %2").arg(status.redisVersion, status.server);
}

AboutDialog::AboutDialog(const ConnectionStatus& status, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About QuotaDesk"));

    auto* icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/quotadesk.svg")).pixmap(64, 64));
    auto* title =
        new QLabel(tr("<h2>QuotaDesk</h2><p>Quota store and operator console for AI services.</p>"), this);

    auto* form = new QFormLayout;
    form->addRow(tr("Version:"),
                 selectableLabel(QStringLiteral(QUOTADESK_VERSION), QStringLiteral("version"), this));
    form->addRow(tr("Build:"), selectableLabel(buildDescription(), QStringLiteral("build"), this));
    form->addRow(tr("Server:"), selectableLabel(serverDescription(status), QStringLiteral("server"), this));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* header = new QHBoxLayout;
    header->addWidget(icon);
    header->addWidget(title, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

} // namespace quotadesk
