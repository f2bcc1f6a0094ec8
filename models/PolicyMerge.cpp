#include "PolicyMerge.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace quotadesk {

namespace {

// A list entry's stable name, or empty when the list is a plain value (a load rule's tier names).
QString entryKey(const QJsonValue& v)
{
    if (!v.isObject())
        return {};
    const QJsonObject o = v.toObject();
    if (o.contains(QLatin1String("metric")))
        return QLatin1Char('#') + o.value(QLatin1String("metric")).toString() + QLatin1Char('|') +
               o.value(QLatin1String("window")).toString();
    if (o.contains(QLatin1String("name")))
        return QLatin1Char('#') + o.value(QLatin1String("name")).toString();
    return {};
}

bool keyedArray(const QJsonArray& a)
{
    if (a.isEmpty())
        return false;
    for (const QJsonValue& v : a) {
        if (entryKey(v).isEmpty())
            return false;
    }
    return true;
}

void flattenInto(const QJsonValue& v, const QString& path, PolicyMerge::Cells& out)
{
    if (v.isObject() && !v.toObject().isEmpty()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            flattenInto(it.value(), path + QLatin1Char('/') + PolicyMerge::escape(it.key()), out);
    } else if (v.isArray() && keyedArray(v.toArray())) {
        for (const QJsonValue& e : v.toArray())
            flattenInto(e, path + QLatin1Char('/') + PolicyMerge::escape(entryKey(e)), out);
    } else {
        out.append({path, v});
    }
}

// Rebuilds the document from cells, keeping the order in which list entries appear.
struct Node
{
    QString key;
    QJsonValue leaf = QJsonValue(QJsonValue::Undefined);
    QList<Node> children;

    Node& child(const QString& k)
    {
        for (Node& c : children) {
            if (c.key == k)
                return c;
        }
        children.append(Node{k, QJsonValue(QJsonValue::Undefined), {}});
        return children.last();
    }

    QJsonValue toJson() const
    {
        // Children win over an empty-container leaf: the draft emptied a list the other side added to.
        if (children.isEmpty())
            return leaf;
        if (children.first().key.startsWith(QLatin1Char('#'))) {
            QJsonArray a;
            for (const Node& c : children)
                a.append(c.toJson());
            return a;
        }
        QJsonObject o;
        for (const Node& c : children)
            o.insert(c.key, c.toJson());
        return o;
    }
};

QString unescape(QString s)
{
    return s.replace(QLatin1String("~1"), QLatin1String("/"))
        .replace(QLatin1String("~0"), QLatin1String("~"));
}

} // namespace

QString PolicyMerge::escape(const QString& segment)
{
    QString s = segment;
    return s.replace(QLatin1Char('~'), QLatin1String("~0")).replace(QLatin1Char('/'), QLatin1String("~1"));
}

QString PolicyMerge::limitCell(const QString& listPath, const PolicyLimit& limit, const QString& field)
{
    return listPath + QLatin1Char('/') +
           escape(QLatin1Char('#') + limit.metric + QLatin1Char('|') + limit.window) + QLatin1Char('/') +
           field;
}

QString PolicyMerge::loadRuleCell(const LoadRule& rule, const QString& field)
{
    return QStringLiteral("/load_rules/") + escape(QLatin1Char('#') + rule.name) + QLatin1Char('/') + field;
}

PolicyMerge::Cells PolicyMerge::flatten(const Policy& policy)
{
    Cells out;
    flattenInto(QJsonDocument::fromJson(policy.toJson()).object(), QString(), out);
    return out;
}

PolicyMerge::Result PolicyMerge::rebase(const Policy& base, const Policy& live, const Policy& draft)
{
    const Cells baseCells = flatten(base);
    const Cells draftCells = flatten(draft);
    Cells merged = flatten(live);
    QHash<QString, QJsonValue> b, l;
    for (const auto& [p, v] : baseCells)
        b.insert(p, v);
    for (const auto& [p, v] : merged)
        l.insert(p, v);
    QHash<QString, QJsonValue> d;
    for (const auto& [p, v] : draftCells)
        d.insert(p, v);
    const QJsonValue absent(QJsonValue::Undefined);

    Result result;
    auto apply = [&](const QString& path) {
        const QJsonValue bv = b.value(path, absent);
        const QJsonValue dv = d.value(path, absent);
        if (bv == dv)
            return; // the draft did not touch this cell: the live value stands
        const QJsonValue lv = l.value(path, absent);
        if (lv != bv && lv != dv)
            result.conflicts.append(path);
        const auto it =
            std::find_if(merged.begin(), merged.end(), [&](const auto& c) { return c.first == path; });
        if (dv.isUndefined()) {
            if (it != merged.end())
                merged.erase(it);
        } else if (it != merged.end()) {
            it->second = dv;
        } else {
            merged.append({path, dv});
        }
    };
    for (const auto& cell : draftCells)
        apply(cell.first);
    for (const auto& cell : baseCells) {
        if (!d.contains(cell.first))
            apply(cell.first);
    }

    Node root;
    for (const auto& [path, value] : merged) {
        Node* n = &root;
        const QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        for (const QString& s : segments)
            n = &n->child(unescape(s));
        n->leaf = value;
    }
    const QByteArray json = QJsonDocument(root.toJson().toObject()).toJson();
    result.policy = Policy::parse(json, &result.issues);
    return result;
}

} // namespace quotadesk
