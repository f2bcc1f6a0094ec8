#include "SubjectsPage.h"

#include "PercentBarDelegate.h"
#include "StoreClient.h"
#include "SubjectsModel.h"
#include "UsageReader.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace quotadesk {

namespace {
struct FilterChoices
{
    QStringList tiers;
    QStringList groups;
    qint64 total = 0;
};
} // namespace

SubjectsPage::SubjectsPage(StoreClient* client, QWidget* parent) : QWidget(parent), m_client(client)
{
    m_model = new SubjectsModel(client, this);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("subjectSearch"));
    m_search->setPlaceholderText(tr("Search by id prefix: alice, user:al, client:batch"));
    m_search->setClearButtonEnabled(true);
    m_tier = new QComboBox(this);
    m_tier->setObjectName(QStringLiteral("tierFilter"));
    m_group = new QComboBox(this);
    m_group->setObjectName(QStringLiteral("groupFilter"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("subjectCount"));

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("subjectsView"));
    m_view->setModel(m_model);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SubjectsModel::SubjectColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(24);
    m_view->horizontalHeader()->setStretchLastSection(true);
    auto* bars = new PercentBarDelegate(SubjectsModel::FractionRole, this);
    for (int c = SubjectsModel::TightestColumn; c <= SubjectsModel::ConcurrencyColumn; ++c)
        m_view->setItemDelegateForColumn(c, bars);
    m_view->setColumnWidth(SubjectsModel::SubjectColumn, 180);
    for (int c = SubjectsModel::TightestColumn; c <= SubjectsModel::ConcurrencyColumn; ++c)
        m_view->setColumnWidth(c, 150);

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_search, 2);
    filters->addWidget(new QLabel(tr("Tier"), this));
    filters->addWidget(m_tier, 1);
    filters->addWidget(new QLabel(tr("Group"), this));
    filters->addWidget(m_group, 1);
    filters->addWidget(m_count);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);

    // Typing waits for a pause before asking the store.
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] { m_model->setSearch(m_search->text()); });
    connect(m_tier, &QComboBox::currentIndexChanged, this,
            [this] { m_model->setTierFilter(m_tier->currentData().toString()); });
    connect(m_group, &QComboBox::currentIndexChanged, this,
            [this] { m_model->setGroupFilter(m_group->currentData().toString()); });
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QString id = index.data(SubjectsModel::SubjectIdRole).toString();
        if (!id.isEmpty()) // empty: a row still loading
            emit subjectActivated(id);
    });
    connect(m_model, &SubjectsModel::fetchFinished, this, &SubjectsPage::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SubjectsPage::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &SubjectsPage::updateCount);
    m_tier->addItem(tr("All tiers"), QString());
    m_group->addItem(tr("All groups"), QString());
}

void SubjectsPage::reload()
{
    m_client->submit<FilterChoices>(
        this,
        [](UsageReader& r) {
            return FilterChoices{r.tierNames(), r.groupNames(), r.subjectCount()};
        },
        [this](FilterChoices c) {
            m_total = c.total;
            auto refill = [](QComboBox* box, const QString& all, const QStringList& names) {
                const QString current = box->currentData().toString();
                const QSignalBlocker block(box);
                box->clear();
                box->addItem(all, QString());
                for (const QString& n : names)
                    box->addItem(n, n);
                box->setCurrentIndex(std::max(0, box->findData(current)));
            };
            refill(m_tier, tr("All tiers"), c.tiers);
            refill(m_group, tr("All groups"), c.groups);
            m_model->reload();
        });
}

void SubjectsPage::refresh(qint64 total)
{
    // A table paged to its end does not know about subjects seen since; start over while it is small. (In
    // random access the model re-reads its row count itself.)
    if (!m_model->isRandomAccess() && total != m_total && m_model->atEnd() && !m_model->isFetching()) {
        m_total = total;
        m_model->reload();
        return;
    }
    m_total = total;
    m_model->refresh();
    updateCount();
}

void SubjectsPage::updateCount()
{
    const QLocale locale;
    if (m_model->isRandomAccess()) {
        // The row count is exact: the index's size, or the matches of the search.
        m_count->setText(tr("%1 loaded of %2 subjects%3")
                             .arg(locale.toString(m_model->loadedRowCount()),
                                  locale.toString(m_model->rowCount()), QString()));
        return;
    }
    // The total comes from the last dashboard snapshot and a page can be newer: the index only grows, so
    // the larger number is the more recent one.
    const qint64 total = std::max<qint64>(m_total, m_model->rowCount());
    m_count->setText(tr("%1 loaded of %2 subjects%3")
                         .arg(locale.toString(m_model->rowCount()), locale.toString(total),
                              m_model->atEnd() ? QString() : tr(", scroll for more")));
}

void SubjectsPage::saveState(QSettings& settings) const
{
    settings.setValue(QStringLiteral("subjects/columns"), m_view->horizontalHeader()->saveState());
}

void SubjectsPage::restoreState(QSettings& settings)
{
    const QByteArray state = settings.value(QStringLiteral("subjects/columns")).toByteArray();
    if (!state.isEmpty())
        m_view->horizontalHeader()->restoreState(state);
}

} // namespace quotadesk
