#pragma once

#include "Policy.h"

#include <QUndoCommand>

namespace quotadesk {

class PolicyDraft;

// One user action on the draft. It keeps the whole policy before and after: Policy is a few implicitly
// shared lists, so a snapshot is cheap, and one command type undoes every kind of edit exactly (a tree move
// as well as a cell). Consecutive edits of the same cell merge into one undo step (Qt's undoframework).
class PolicyEditCommand : public QUndoCommand
{
public:
    PolicyEditCommand(PolicyDraft* draft, Policy before, Policy after, const QString& text, QString cell);

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

    const QString& cell() const { return m_cell; }

private:
    PolicyDraft* m_draft;
    Policy m_before;
    Policy m_after;
    QString m_cell; // empty = never merges
};

} // namespace quotadesk
