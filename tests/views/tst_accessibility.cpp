// SPDX-License-Identifier: Apache-2.0
// Keyboard and screen-reader audit of the whole console (issue #7): the real MainWindow with all
// six pages (a small demo fleet with its demo releases and audit log, a fake rollout service and
// a fake telemetry service), each page visited as an operator would:
//  - every focusable, visible control has a name a screen reader announces (its accessible
//    name, its text, or the label that is its buddy), every tab of a tab bar has a title, and
//    every chart a description that says in words what it draws;
//  - every page is reached by its shortcut (Ctrl+1, Ctrl+2, ...), shown in the Go menu;
//  - every menu command with a shortcut shows it (in the menu; and in its tooltip when it has
//    one of its own), and no two commands of the window share a shortcut;
//  - Tab walks through every control of a page and comes back, without getting stuck in one.
// A failure lists each offending control with its class, object name, where it sits and its
// tooltip, so that it can be found in views/.
#include "auditpage.h"
#include "compliancepage.h"
#include "devicedetailpanel.h"
#include "devicespage.h"
#include "devicetablemodel.h"
#include "fakerolloutbackend.h"
#include "faketelemetrybackend.h"
#include "mainwindow.h"
#include "operatorsession.h"
#include "releasebench.h"
#include "releasedetailpanel.h"
#include "releasespage.h"
#include "rolloutdetailpanel.h"
#include "rolloutspage.h"
#include "telemetrypage.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QGraphicsView>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextEdit>

#include <functional>

using namespace Patchboard;

namespace {

// The kinds of widget an operator works with. Labels, frames and layouts are not controls.
bool isControl(const QWidget *w)
{
    return qobject_cast<const QAbstractButton *>(w) || qobject_cast<const QComboBox *>(w)
        || qobject_cast<const QLineEdit *>(w) || qobject_cast<const QAbstractSpinBox *>(w)
        || qobject_cast<const QAbstractItemView *>(w) || qobject_cast<const QGraphicsView *>(w)
        || qobject_cast<const QTextEdit *>(w) || qobject_cast<const QPlainTextEdit *>(w)
        || qobject_cast<const QAbstractSlider *>(w) || qobject_cast<const QTabBar *>(w);
}

// The line edit inside a spin box, date edit or editable combo box is part of that control: the
// screen reader announces the control, and Tab enters it as one.
bool isPartOfAControl(const QWidget *w)
{
    for (const QWidget *p = w->parentWidget(); p; p = p->parentWidget()) {
        if (qobject_cast<const QAbstractSpinBox *>(p) || qobject_cast<const QComboBox *>(p))
            return true;
    }
    return false;
}

enum class Disabled { Included, Left };

// The visible controls under root that take the focus by Tab, in no particular order; the
// disabled ones too if asked (a screen reader announces those as well, Tab skips them).
QList<QWidget *> controls(QWidget *root, Disabled disabled = Disabled::Left)
{
    QList<QWidget *> found;
    const QList<QWidget *> all = root->findChildren<QWidget *>();
    for (QWidget *w : all) {
        if (w->isVisible() && (w->isEnabled() || disabled == Disabled::Included)
            && (w->focusPolicy() & Qt::TabFocus) && isControl(w) && !isPartOfAControl(w))
            found.append(w);
    }
    return found;
}

// The stack of pages of the main window: where describe() stops.
QWidget *s_pages = nullptr;

QString accessibleText(QWidget *w, QAccessible::Text which)
{
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
    return iface ? iface->text(which).trimmed() : QString();
}

QString accessibleName(QWidget *w)
{
    return accessibleText(w, QAccessible::Name);
}

// "QToolButton 'exportButton' in TelemetryPage > QGroupBox 'Failure reasons' (tooltip: ...)"
QString describe(const QWidget *w)
{
    QString text = QString::fromLatin1(w->metaObject()->className());
    if (!w->objectName().isEmpty())
        text += QStringLiteral(" '") + w->objectName() + QLatin1Char('\'');
    if (const auto *button = qobject_cast<const QAbstractButton *>(w))
        text += QStringLiteral(" text='") + button->text() + QLatin1Char('\'');
    QStringList path;
    for (const QWidget *p = w->parentWidget(); p && p != s_pages; p = p->parentWidget()) {
        QString step = QString::fromLatin1(p->metaObject()->className());
        if (!p->objectName().isEmpty())
            step += QStringLiteral(" '") + p->objectName() + QLatin1Char('\'');
        else if (!p->accessibleName().isEmpty())
            step += QStringLiteral(" \"") + p->accessibleName() + QLatin1Char('"');
        path.prepend(step);
    }
    text += QStringLiteral(" in ") + path.join(QStringLiteral(" > "));
    if (!w->toolTip().isEmpty())
        text += QStringLiteral(" (tooltip: ") + w->toolTip().left(80) + QLatin1Char(')');
    return text;
}

// What a screen reader says of each tab of a tab bar: its title, or its accessible name.
QStringList untitledTabs(const QTabBar *bar)
{
    QStringList untitled;
    for (int i = 0; i < bar->count(); ++i) {
        if (bar->tabText(i).trimmed().isEmpty() && bar->accessibleTabName(i).trimmed().isEmpty())
            untitled << describe(bar) + QStringLiteral(" tab %1").arg(i);
    }
    return untitled;
}

// An action's tooltip as Qt makes it when none was set: its text without '&' and '...'.
QString defaultToolTip(const QAction *action)
{
    QAction probe(action->text());
    return probe.toolTip();
}

const Operator admin{QStringLiteral("ada"), OperatorRole::Administrator};
const Operator rita{QStringLiteral("rita"), OperatorRole::RolloutManager};

} // namespace

class tst_Accessibility : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void everyPageHasItsShortcut();
    void controlsHaveNames_data();
    void controlsHaveNames();
    void tabReachesEveryControl_data();
    void tabReachesEveryControl();
    void menuShortcutsAreShown();
    void shortcutsAreUnambiguous();

private:
    void pageRows();
    bool showPage(int index);
    QStringList tabWalk(QWidget *page);
    QWidget *page(int index) const;
    QListWidget *navigation() const;

    ReleaseBench m_bench;
    std::unique_ptr<FakeRolloutBackend> m_rollouts;
    std::unique_ptr<FakeTelemetryBackend> m_telemetry;
    std::unique_ptr<OperatorSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void tst_Accessibility::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const QString error = m_bench.setUp();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_rollouts = std::make_unique<FakeRolloutBackend>();
    m_rollouts->setRollouts(
        {FakeRolloutBackend::makeRollout(7, QStringLiteral("November, Germany"),
                                         RolloutState::Running),
         FakeRolloutBackend::makeRollout(6, QStringLiteral("November, France"),
                                         RolloutState::Halted),
         FakeRolloutBackend::makeRollout(5, QStringLiteral("October"), RolloutState::Completed)});
    m_telemetry = std::make_unique<FakeTelemetryBackend>();
    m_telemetry->loadDemo();
    // An administrator may do everything, so that no control is greyed out of the audit.
    m_session = std::make_unique<OperatorSession>(admin);
    m_window = std::make_unique<MainWindow>(m_bench.tracker.get(), m_bench.firmware.get(),
                                            m_bench.audit.get(), m_rollouts.get(),
                                            m_telemetry.get(), m_session.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    // All six pages, in the order of the navigation list.
    QCOMPARE(m_window->pageCount(), 6);
    s_pages = m_window->devicesPage()->parentWidget();
    for (QWidget *p : {static_cast<QWidget *>(m_window->devicesPage()),
                       static_cast<QWidget *>(m_window->compliancePage()),
                       static_cast<QWidget *>(m_window->releasesPage()),
                       static_cast<QWidget *>(m_window->rolloutsPage()),
                       static_cast<QWidget *>(m_window->telemetryPage()),
                       static_cast<QWidget *>(m_window->auditPage())})
        QVERIFY(m_window->pageIndex(p) >= 0);
}

void tst_Accessibility::cleanupTestCase()
{
    m_window.reset();
    m_session.reset();
    m_telemetry.reset();
    m_rollouts.reset();
    m_bench.tearDown();
}

QListWidget *tst_Accessibility::navigation() const
{
    const QList<QListWidget *> lists = m_window->findChildren<QListWidget *>();
    for (QListWidget *list : lists) {
        if (list->accessibleName() == QLatin1String("Pages"))
            return list;
    }
    return nullptr;
}

QWidget *tst_Accessibility::page(int index) const
{
    const QList<QWidget *> pages{m_window->devicesPage(),   m_window->compliancePage(),
                                 m_window->releasesPage(),  m_window->rolloutsPage(),
                                 m_window->telemetryPage(), m_window->auditPage()};
    for (QWidget *p : pages) {
        if (m_window->pageIndex(p) == index)
            return p;
    }
    return nullptr;
}

// Shows the page and waits until it has its data, with the first device, release or rollout
// selected so that its detail panel (and all its controls) shows.
bool tst_Accessibility::showPage(int index)
{
    m_window->showPage(index);
    QWidget *p = page(index);
    if (!p || !p->isVisible())
        return false;
    const bool loaded = QTest::qWaitFor([p] {
        if (auto *devices = qobject_cast<DevicesPage *>(p))
            return !devices->isBusy() && devices->model()->rowCount() > 0;
        if (auto *compliance = qobject_cast<CompliancePage *>(p))
            return compliance->isLoaded();
        if (auto *releases = qobject_cast<ReleasesPage *>(p))
            return releases->isLoaded() && releases->table()->model()->rowCount() > 0;
        if (auto *rollouts = qobject_cast<RolloutsPage *>(p))
            return rollouts->isLoaded();
        if (auto *telemetry = qobject_cast<TelemetryPage *>(p))
            return telemetry->isLoaded();
        if (auto *audit = qobject_cast<AuditPage *>(p))
            return audit->isLoaded();
        return true;
    });
    if (!loaded)
        return false;
    bool detail = true;
    if (auto *devices = qobject_cast<DevicesPage *>(p)) {
        devices->table()->selectRow(0);
        detail = QTest::qWaitFor([devices] { return devices->detailPanel()->isLoaded(); });
    } else if (auto *releases = qobject_cast<ReleasesPage *>(p)) {
        releases->table()->selectRow(0);
        detail = QTest::qWaitFor([releases] { return releases->detailPanel()->isLoaded(); });
    } else if (auto *rollouts = qobject_cast<RolloutsPage *>(p)) {
        rollouts->showRollout(m_rollouts->details().constFirst().summary.id);
        detail = QTest::qWaitFor([rollouts] { return rollouts->detailPanel()->isLoaded(); });
    }
    QTest::qWait(100); // layouts
    return detail;
}

void tst_Accessibility::pageRows()
{
    QTest::addColumn<int>("index");
    QListWidget *list = navigation();
    QVERIFY(list);
    for (int i = 0; i < list->count(); ++i)
        QTest::newRow(qPrintable(list->item(i)->data(Qt::AccessibleTextRole).toString())) << i;
}

void tst_Accessibility::everyPageHasItsShortcut()
{
    // From the last page back to the first, so that each key press changes the page.
    QListWidget *list = navigation();
    QVERIFY(list);
    QCOMPARE(list->count(), m_window->pageCount());
    for (int i = m_window->pageCount() - 1; i >= 0; --i) {
        const QKeySequence key(Qt::CTRL | Qt::Key(Qt::Key_1 + i));
        QTest::keySequence(m_window.get(), key);
        QCOMPARE(m_window->currentPage(), i);
        QVERIFY(page(i)->isVisible());
        QCOMPARE(list->currentRow(), i);
        // The Go menu names the page with its shortcut.
        const QString title = list->item(i)->data(Qt::AccessibleTextRole).toString();
        bool inGoMenu = false;
        const QList<QAction *> menus = m_window->menuBar()->actions();
        for (const QAction *menu : menus) {
            if (!menu->menu())
                continue;
            const QList<QAction *> actions = menu->menu()->actions();
            for (const QAction *action : actions)
                inGoMenu = inGoMenu || (action->text() == title && action->shortcut() == key);
        }
        QVERIFY2(inGoMenu, qPrintable(title));
    }
}

void tst_Accessibility::controlsHaveNames_data()
{
    pageRows();
}

void tst_Accessibility::controlsHaveNames()
{
    QFETCH(int, index);
    QVERIFY(showPage(index));
    QWidget *p = page(index);

    // Every tab of the page's tab widgets, so that the controls of each are audited.
    QList<QWidget *> seen;
    QStringList problems;
    const auto audit = [&] {
        const QList<QWidget *> found = controls(p, Disabled::Included);
        for (QWidget *w : found) {
            if (seen.contains(w))
                continue;
            seen.append(w);
            if (auto *bar = qobject_cast<QTabBar *>(w)) {
                problems << untitledTabs(bar);
                continue;
            }
            if (accessibleName(w).isEmpty())
                problems << describe(w);
            // A chart is read out as a text summary of what it draws.
            if (qobject_cast<QGraphicsView *>(w)
                && accessibleText(w, QAccessible::Description).isEmpty())
                problems << describe(w) + QStringLiteral(": no description of what it shows");
        }
    };
    audit();
    const QList<QTabWidget *> tabWidgets = p->findChildren<QTabWidget *>();
    for (QTabWidget *tabs : tabWidgets) {
        if (!tabs->isVisible())
            continue;
        const int shown = tabs->currentIndex();
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QTest::qWait(20);
            audit();
        }
        tabs->setCurrentIndex(shown);
    }
    QVERIFY2(seen.size() >= 3, qPrintable(QString::number(seen.size()))); // not vacuous
    QVERIFY2(problems.isEmpty(),
             qPrintable(QStringLiteral("%1 of %2 controls are not named for screen readers:\n")
                            .arg(problems.size())
                            .arg(seen.size())
                        + problems.join(QLatin1Char('\n'))));
}

void tst_Accessibility::tabReachesEveryControl_data()
{
    pageRows();
}

void tst_Accessibility::tabReachesEveryControl()
{
    QFETCH(int, index);
    QVERIFY(showPage(index));
    QWidget *p = page(index);

    // The page as shown, then with each tab of its tab widgets in front.
    QStringList problems;
    int walks = 0;
    const auto walk = [&](const QString &state) {
        const QStringList found = tabWalk(p);
        ++walks;
        for (const QString &problem : found)
            problems << state + problem;
    };
    walk(QString());
    const QList<QTabWidget *> tabWidgets = p->findChildren<QTabWidget *>();
    for (QTabWidget *tabs : tabWidgets) {
        if (!tabs->isVisible())
            continue;
        const int shown = tabs->currentIndex();
        for (int i = 0; i < tabs->count(); ++i) {
            if (i == shown)
                continue;
            tabs->setCurrentIndex(i);
            QTest::qWait(20);
            walk(QStringLiteral("[tab \"%1\"] ").arg(tabs->tabText(i)));
        }
        tabs->setCurrentIndex(shown);
    }
    QVERIFY2(problems.isEmpty(),
             qPrintable(QStringLiteral("%1 walk(s) with Tab:\n").arg(walks)
                        + problems.join(QLatin1Char('\n'))));
}

// From the page list on the left, Tab after Tab until focus is back there: what went wrong.
QStringList tst_Accessibility::tabWalk(QWidget *p)
{
    const QList<QWidget *> expected = controls(p);
    if (expected.isEmpty())
        return {QStringLiteral("no control takes the focus")};
    QListWidget *start = navigation();
    start->setFocus(Qt::TabFocusReason);
    if (!QTest::qWaitFor([start] { return QApplication::focusWidget() == start; }))
        return {QStringLiteral("the page list does not take the focus")};

    QList<QWidget *> reached;
    QStringList problems;
    QWidget *current = start;
    const int limit = 3 * int(expected.size()) + 30;
    int presses = 0;
    for (; presses < limit; ++presses) {
        QTest::keyClick(current, Qt::Key_Tab);
        QWidget *next = QApplication::focusWidget();
        if (!next)
            return problems << QStringLiteral("Tab left the window after ") + describe(current);
        // A control that keeps the focus on Tab (a table moving between its cells, a text field
        // taking the tab character) traps keyboard users. Noted; the walk goes on after it.
        if (next == current) {
            problems << QStringLiteral("Tab stays in ") + describe(current);
            QWidget *w = current->nextInFocusChain();
            while (w != current
                   && !(w->isVisible() && w->isEnabled() && (w->focusPolicy() & Qt::TabFocus)))
                w = w->nextInFocusChain();
            w->setFocus(Qt::TabFocusReason);
            next = QApplication::focusWidget();
        }
        if (next == start)
            break;
        // The line edit inside a spin box or editable combo box counts as the box.
        QWidget *owner = next;
        for (QWidget *w = next; w; w = w->parentWidget()) {
            if (expected.contains(w)) {
                owner = w;
                break;
            }
        }
        reached.append(owner);
        current = next;
    }
    if (presses == limit)
        problems
            << QStringLiteral("Tab did not come back to the page list after %1 presses").arg(limit);
    for (QWidget *w : expected) {
        if (!reached.contains(w))
            problems << QStringLiteral("Tab never reaches ") + describe(w);
    }
    return problems;
}

void tst_Accessibility::menuShortcutsAreShown()
{
    QStringList problems;
    int withShortcut = 0;
    std::function<void(QMenu *)> visit = [&](QMenu *menu) {
        const QList<QAction *> actions = menu->actions();
        for (QAction *action : actions) {
            if (action->menu()) {
                visit(action->menu());
                continue;
            }
            if (action->isSeparator() || action->shortcut().isEmpty())
                continue;
            ++withShortcut;
            const QString key = action->shortcut().toString(QKeySequence::NativeText);
            const QString where = menu->title() + QStringLiteral(" > ") + action->text();
            // A menu command's shortcut works on every page, and is drawn beside its text.
            if (action->shortcutContext() != Qt::WindowShortcut
                && action->shortcutContext() != Qt::ApplicationShortcut)
                problems << where + QStringLiteral(": works only in one widget");
            if (!action->isVisible())
                problems << where + QStringLiteral(": hidden from the menu");
            // A tooltip of its own (hover in the menu, the status tip, a toolbar) names the key;
            // a disabled command's tooltip says why it is disabled instead.
            if (action->isEnabled() && action->toolTip() != defaultToolTip(action)
                && !action->toolTip().contains(key))
                problems << where + QStringLiteral(": tooltip \"") + action->toolTip()
                        + QStringLiteral("\" does not show ") + key;
        }
    };
    // As the administrator, and as a rollout manager, who may plan rollouts.
    const QList<QAction *> menus = m_window->menuBar()->actions();
    for (const Operator &who : {admin, rita}) {
        m_session->setOperator(who);
        withShortcut = 0;
        for (QAction *menu : menus) {
            if (menu->menu())
                visit(menu->menu());
        }
    }
    // (Not vacuous: the rollout manager's New Rollout has a tooltip of its own.)
    QVERIFY(m_window->newRolloutAction()->isEnabled());
    QVERIFY(m_window->newRolloutAction()->toolTip()
            != defaultToolTip(m_window->newRolloutAction()));
    m_session->setOperator(admin);
    // Pages, export, find, operator, quit, new rollout, wall screen, report at least.
    QVERIFY2(withShortcut >= 12, qPrintable(QString::number(withShortcut)));

    // A page's buttons that have a shortcut of their own say so in their tooltip. (A mnemonic,
    // Alt and the underlined letter of the text, shows in the text.)
    const QList<QAbstractButton *> buttons = m_window->findChildren<QAbstractButton *>();
    for (QAbstractButton *button : buttons) {
        if (button->shortcut().isEmpty()
            || button->shortcut() == QKeySequence::mnemonic(button->text()))
            continue;
        const QString key = button->shortcut().toString(QKeySequence::NativeText);
        if (!button->toolTip().contains(key) && !button->text().contains(key))
            problems << describe(button) + QStringLiteral(": shortcut ") + key
                    + QStringLiteral(" not shown");
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

// Two window-wide commands on one key: Qt triggers neither ("ambiguous shortcut").
void tst_Accessibility::shortcutsAreUnambiguous()
{
    QHash<QKeySequence, QStringList> owners;
    const QList<QAction *> actions = m_window->findChildren<QAction *>();
    for (const QAction *action : actions) {
        if (action->shortcutContext() == Qt::WidgetShortcut
            || action->shortcutContext() == Qt::WidgetWithChildrenShortcut)
            continue; // only while its widget has the focus
        const QList<QKeySequence> keys = action->shortcuts();
        for (const QKeySequence &key : keys)
            owners[key] << action->text();
    }
    const QList<QShortcut *> shortcuts = m_window->findChildren<QShortcut *>();
    for (const QShortcut *shortcut : shortcuts) {
        if (shortcut->context() == Qt::WindowShortcut
            || shortcut->context() == Qt::ApplicationShortcut)
            owners[shortcut->key()] << QStringLiteral("QShortcut ") + shortcut->objectName();
    }
    QStringList clashes;
    for (auto it = owners.cbegin(); it != owners.cend(); ++it) {
        if (it.value().size() > 1)
            clashes << it.key().toString() + QStringLiteral(": ")
                    + it.value().join(QStringLiteral(", "));
    }
    QVERIFY(owners.size() >= 12);
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
}

QTEST_MAIN(tst_Accessibility)
#include "tst_accessibility.moc"
