#include "PolicyEditCommand.h"

#include "PolicyDraft.h"

namespace quotadesk {

namespace {
constexpr int CellEditId = 0x5144; // any constant: merging is further restricted to the same cell
}

PolicyEditCommand::PolicyEditCommand(PolicyDraft* draft, Policy before, Policy after, const QString& text,
                                     QString cell)
    : m_draft(draft), m_before(std::move(before)), m_after(std::move(after)), m_cell(std::move(cell))
{
    setText(text);
}

void PolicyEditCommand::undo()
{
    m_draft->setPolicy(m_before);
}

void PolicyEditCommand::redo()
{
    m_draft->setPolicy(m_after);
}

int PolicyEditCommand::id() const
{
    return m_cell.isEmpty() ? -1 : CellEditId;
}

bool PolicyEditCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = static_cast<const PolicyEditCommand*>(other);
    if (next->m_cell != m_cell)
        return false;
    m_after = next->m_after;
    // Typing a value and then the original back leaves nothing to undo.
    setObsolete(m_after == m_before);
    return true;
}

} // namespace quotadesk
