#pragma once

#include <QBrush>
#include <QCoreApplication>
#include <QString>

namespace quotadesk {

// How the policy editor's tables mark a cell of the draft: red where validation has a problem with it,
// orange where a rebase found it changed both in the draft and in the live version. One place, so every
// table looks and reads the same.
class DraftCellStyle
{
    Q_DECLARE_TR_FUNCTIONS(DraftCellStyle)

public:
    static QBrush invalid();
    static QBrush conflict();
    static QString conflictTip();
};

} // namespace quotadesk
