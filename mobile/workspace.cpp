#include "workspace.h"

#include "serverapi.h"
#include "snapshot.h"
#include "texts.h"

#include <careeval/jsonutil.h>

#include <QDate>
#include <QDir>
#include <QFile>

using namespace careeval;

Workspace::Workspace(LocalStore *store, ServerApi *api, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_api(api)
    , m_model(new AssignmentListModel(this))
{
}

void Workspace::setUser(const std::string &username, bool online, const std::string &role)
{
    m_user = username;
    m_role = role;
    m_online = online;
    reloadLocal();
}

void Workspace::setLanguage(const std::string &lang)
{
    m_lang = lang;
    reloadLocal();
}

void Workspace::setBusy(bool b)
{
    if (b == m_busy)
        return;
    m_busy = b;
    Q_EMIT busyChanged();
}

void Workspace::setError(const QString &e)
{
    if (e == m_error)
        return;
    m_error = e;
    Q_EMIT errorChanged();
}

std::string Workspace::bundledTemplate(const std::string &pin)
{
    const QDir dir(QStringLiteral(":/careeval/templates"));
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = f.readAll();
        auto parsed = parseJson(std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
        if (parsed && parsed->is_object() && parsed->value("id", std::string()) + "@" + parsed->value("version", std::string()) == pin)
            return text.toStdString();
    }
    return {};
}

std::shared_ptr<const Template> Workspace::templateFor(const Assignment &a, QString *error)
{
    const std::string pin = a.pin();
    if (auto it = m_templates.find(pin); it != m_templates.end())
        return it->second;
    std::string text;
    if (auto stored = m_store->templateText(pin); stored && stored.value())
        text = *stored.value();
    if (text.empty())
        text = bundledTemplate(pin);
    if (text.empty()) {
        if (error)
            *error
                = tr("The template %1 is not on this tablet yet. Connect to the server once to fetch it.").arg(QString::fromStdString(pin));
        return nullptr;
    }
    auto parsed = parseTemplate(text);
    if (!parsed) {
        if (error)
            *error = tr("The template %1 is damaged and cannot be used: %2")
                         .arg(QString::fromStdString(pin), QString::fromStdString(parsed.error().message));
        return nullptr;
    }
    auto tpl = std::make_shared<const Template>(std::move(parsed.value()));
    m_templates.emplace(pin, tpl);
    return tpl;
}

std::optional<Assignment> Workspace::assignment(const QString &id) const
{
    auto a = m_store->assignment(m_user, id.toStdString());
    if (!a || !a.value())
        return std::nullopt;
    return *a.value();
}

void Workspace::reloadLocal()
{
    std::vector<AssignmentListModel::Row> rows;
    auto list = m_store->assignments(m_user);
    if (!list) {
        setError(tr("The list of assignments cannot be read: %1").arg(QString::fromStdString(list.error().message)));
        m_model->setRows({});
        return;
    }
    for (const Assignment &a : list.value()) {
        AssignmentListModel::Row row;
        row.assignment = a;
        row.status = QString::fromStdString(a.status);
        if (auto tpl = templateFor(a, nullptr)) {
            InspectionSnapshot s;
            s.tpl = tpl;
            s.lang = m_lang;
            if (auto ops = m_store->ops().operations(a.id)) {
                MergeOptions o;
                o.tpl = tpl.get();
                s.state = merge(a.id, ops.value(), o);
                s.report = score(*tpl, s.state);
                fillRow(row, s, !ops.value().empty());
            } else {
                row.templateTitle = s.text(tpl->title);
            }
        } else {
            row.templateTitle = QString::fromStdString(a.pin());
        }
        if (auto p = m_store->ops().pendingCount(a.id))
            row.pending = static_cast<int>(p.value());
        if (auto r = m_store->ops().refused(a.id))
            row.refused = static_cast<int>(r.value().size());
        rows.push_back(std::move(row));
    }
    m_model->setRows(std::move(rows));
}

void Workspace::fillRow(AssignmentListModel::Row &row, const InspectionSnapshot &s, bool hasOperations) const
{
    row.templateTitle = s.text(s.tpl->title);
    row.conflicts = static_cast<int>(s.report.conflicts.size());
    int total = 0, answered = 0;
    for (const Item *item : s.tpl->items()) {
        if (item->type == ItemType::Rating)
            continue;
        ++total;
        const SlotState *slot = s.state.item(item->id);
        if (item->type == ItemType::Photo ? !s.state.photosFor(item->id).empty()
                                          : (slot && slot->hasTeamValue()) || s.report.prefilled.count(item->id))
            ++answered;
    }
    row.progress = total ? double(answered) / total : 0;
    if (s.state.status != WorkflowStatus::Draft || hasOperations)
        row.status = QString::fromUtf8(toString(s.state.status).data());
}

void Workspace::updateOpen(const InspectionSnapshot &snapshot, int pending, int refused)
{
    const QString id = QString::fromStdString(snapshot.state.inspection);
    const AssignmentListModel::Row *known = m_model->row(id);
    if (!known || !snapshot.tpl)
        return reloadLocal();
    AssignmentListModel::Row row = *known;
    fillRow(row, snapshot, true);
    row.pending = pending;
    row.refused = refused;
    m_model->updateRow(std::move(row));
}

void Workspace::refresh()
{
    if (!m_online || m_api->token().isEmpty()) {
        reloadLocal();
        Q_EMIT refreshed();
        return;
    }
    setBusy(true);
    m_api->call("GET", QStringLiteral("/api/v1/inspections"), {}, [this](const ApiReply &r) {
        if (!r.ok()) {
            setError(r.error);
            setBusy(false);
            reloadLocal();
            Q_EMIT refreshed();
            return;
        }
        auto parsed = parseJson(std::string_view(r.body.constData(), static_cast<std::size_t>(r.body.size())));
        std::vector<Assignment> list;
        if (parsed && parsed->is_object() && (*parsed)["inspections"].is_array()) {
            for (const auto &j : (*parsed)["inspections"]) {
                if (auto s = assignmentSummaryFromJson(j)) {
                    Assignment a = assignmentFromSummary(s.value());
                    // Supervisors see every inspection; they are not on its team.
                    if (a.myRole.empty())
                        a.myRole = m_role;
                    list.push_back(std::move(a));
                } else {
                    qWarning("An assignment from the server was left out: %s", s.error().message.c_str());
                }
            }
        }
        setError({});
        fetchTemplates(std::move(list), 0);
    });
}

// Templates are fetched one after another before the list is stored, so an assignment never shows
// up on the tablet without the template it needs offline.
void Workspace::fetchTemplates(std::vector<Assignment> list, std::size_t next)
{
    while (next < list.size()) {
        const std::string pin = list[next].pin();
        auto stored = m_store->templateText(pin);
        if (!(stored && stored.value()))
            break;
        ++next;
    }
    if (next == list.size()) {
        if (auto r = m_store->replaceAssignments(m_user, list); !r)
            setError(tr("The assignments could not be stored: %1").arg(QString::fromStdString(r.error().message)));
        setBusy(false);
        reloadLocal();
        Q_EMIT refreshed();
        return;
    }
    const Assignment a = list[next];
    const QString path
        = QStringLiteral("/api/v1/templates/%1/%2").arg(QString::fromStdString(a.templateId), QString::fromStdString(a.templateVersion));
    m_api->call("GET", path, {}, [this, list = std::move(list), next, a](const ApiReply &r) mutable {
        if (r.ok()) {
            const std::string text = r.body.toStdString();
            if (auto t = parseTemplate(text)) {
                if (auto s = m_store->saveTemplate(a.pin(), text, r.etag.toStdString()); !s)
                    setError(QString::fromStdString(s.error().message));
            } else {
                setError(tr("The server sent a template that cannot be used (%1): %2")
                             .arg(QString::fromStdString(a.pin()), QString::fromStdString(t.error().message)));
            }
        } else {
            setError(r.error);
        }
        if (!(m_store->templateText(a.pin()).ok() && m_store->templateText(a.pin()).value())) {
            // Keep the assignment only if a shipped copy of its template exists.
            if (bundledTemplate(a.pin()).empty())
                list.erase(list.begin() + static_cast<long>(next));
            else
                ++next;
        }
        fetchTemplates(std::move(list), next);
    });
}

Result<Assignment> Workspace::ensureDemo()
{
    Assignment a;
    a.id = demoInspectionId().toStdString();
    a.institution = "demo-changchun-yikang";
    a.institutionName = "长春市颐康养老院（演示）";
    a.templateId = "jilin-pilot-standardization";
    a.status = "draft";
    a.plannedDate = QDate::currentDate().toString(Qt::ISODate).toStdString();
    a.myRole = "lead";
    a.team = {{"li.hua", "lead"}, {"wang.fang", "evaluator"}, {"zhang.wei", "evaluator"}};
    a.names = {{"li.hua", "李华"}, {"wang.fang", "王芳"}, {"zhang.wei", "张伟"}};
    a.demo = true;
    {
        // The version is read from the shipped file, so a new template version keeps the demo working.
        QFile f(QStringLiteral(":/careeval/templates/jilin-pilot-standardization.json"));
        if (!f.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::Io, "the shipped pilot template is missing from the app");
        auto p = parseJson(f.readAll().toStdString());
        if (!p || !p->is_object())
            return makeError(ErrorCode::InvalidTemplate, "the shipped pilot template cannot be read");
        a.templateVersion = p->value("version", std::string());
    }
    if (auto r = m_store->saveAssignment(m_user, a); !r)
        return r.error();
    auto count = m_store->ops().count(a.id);
    if (!count)
        return count.error();
    if (count.value() == 0) {
        // A morning of the team's work, so the demo shows progress, a conflict and findings.
        QFile f(QStringLiteral(":/careeval/demo/pilot.ops.jsonl"));
        if (!f.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::Io, "the demo operations are missing from the app");
        std::vector<Operation> ops;
        while (!f.atEnd()) {
            const QByteArray line = f.readLine().trimmed();
            if (line.isEmpty())
                continue;
            auto op = parseOperation(line.toStdString());
            if (!op)
                return op.error();
            // The demo starts as the team's work in progress: not yet submitted or approved.
            if (op->kind == OpKind::Submit || op->kind == OpKind::Approve || op->kind == OpKind::Return || op->kind == OpKind::Lock)
                continue;
            op->inspection = a.id;
            ops.push_back(std::move(op.value()));
        }
        if (auto r = m_store->ops().append(ops, SyncState::Remote); !r)
            return r.error();
    }
    reloadLocal();
    return a;
}
