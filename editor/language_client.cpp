#include "editor/language_client.h"

#include "editor/code_editor.h"
#include "editor/completion_controller.h"
#include "editor/diagnostics_display.h"
#include "editor/ls_position.h"
#include "editor/problems_model.h"
#include "editor/signature_help.h"
#include "engine/core/resource_locator.h"
#include "engine/project/file_io.h"
#include "engine/project/project.h"
#include "engine/typescript/project_typings.h"

#include <QDir>
#include <QFileInfo>
#include <QTimer>

namespace botwright::editor {

using typescript::LanguageServiceThread;
using typescript::LsDiagnostic;
using typescript::LsLocation;
using typescript::LsPosition;

namespace {
const QString kProjectPrefix = QStringLiteral("/project/");
const QString kSdkPrefix = QStringLiteral("/sdk/");
} // namespace

// --- LanguageDocument

LanguageDocument::LanguageDocument(LanguageClient* client, CodeEditor* editor, QString path, QString fileName,
                                   bool editable)
    : QObject(editor)
    , m_client(client)
    , m_service(client->service())
    , m_editor(editor)
    , m_path(std::move(path))
    , m_fileName(std::move(fileName))
    , m_editable(editable) {
    setObjectName(QStringLiteral("languageDocument"));
    m_diagnostics = new DiagnosticsDisplay(this);
    m_signatureHelp = new SignatureHelp(this);
    m_completion = new CompletionController(this);
    if (m_editable) {
        m_dirty = true;
        sync();
        connect(m_editor, &CodeEditor::textChanged, this, &LanguageDocument::onTextChanged);
    }
}

LanguageDocument::~LanguageDocument() {
    if (m_client != nullptr)
        m_client->documentClosed(this);
}

void LanguageDocument::onTextChanged() {
    if (m_client == nullptr)
        return;
    // Cheap on every keystroke: a new version number and a deferred push, so a burst of changes in
    // one event-loop pass (a paste, replace-all) becomes one update.
    m_version = m_client->nextVersion();
    if (!m_dirty) {
        m_dirty = true;
        QTimer::singleShot(0, this, &LanguageDocument::sync);
    }
    m_client->scheduleDiagnostics(m_fileName);
}

void LanguageDocument::sync() {
    if (!m_dirty || !m_editable || m_client == nullptr)
        return;
    m_dirty = false;
    if (m_version == 0)
        m_version = m_client->nextVersion();
    m_client->pushText(m_fileName, m_editor->text(), m_version);
}

void LanguageDocument::showDiagnostics(const QList<LsDiagnostic>& diagnostics) {
    m_diagnostics->show(diagnostics);
}

// --- LanguageClient

LanguageClient::LanguageClient(QObject* parent, typescript::LanguageService::Options options)
    : QObject(parent)
    , m_service(new LanguageServiceThread(this, options))
    , m_problems(new ProblemsModel(this))
    , m_diagnosticsTimer(new QTimer(this))
    , m_sdkDir(QDir::cleanPath(options.sdkDir.isEmpty() ? core::ResourceLocator::sdkDeclarationsDir()
                                                        : options.sdkDir)) {
    m_diagnosticsTimer->setSingleShot(true);
    m_diagnosticsTimer->setInterval(300);
    connect(m_diagnosticsTimer, &QTimer::timeout, this, &LanguageClient::requestAllDiagnostics);
    connect(m_service, &LanguageServiceThread::ready, this, [this](const typescript::LsLoadStats& stats) {
        setStatus(tr("TypeScript ready (%1 ms%2)")
                      .arg(stats.totalMs)
                      .arg(stats.codeCacheUsed ? tr(", code cache") : QString()));
        Q_EMIT ready(stats);
        requestAllDiagnostics();
    });
    connect(m_service, &LanguageServiceThread::failed, this,
            [this](const QString& error) { setStatus(tr("TypeScript unavailable: %1").arg(error)); });
    connect(m_service, &LanguageServiceThread::diagnosticsReady, this, &LanguageClient::onDiagnostics);
    connect(m_service, &LanguageServiceThread::definitionReady, this, &LanguageClient::onDefinition);
}

LanguageClient::~LanguageClient() {
    // Documents outlive nothing here: detach them so their destructors do not call back.
    for (const QPointer<LanguageDocument>& document : std::as_const(m_documents))
        if (document)
            document->m_client = nullptr;
}

void LanguageClient::start() {
    if (m_service->state() == LanguageServiceThread::State::NotStarted) {
        setStatus(tr("TypeScript loading…"));
        m_service->start();
    }
}

bool LanguageClient::isReady() const {
    return m_service->state() == LanguageServiceThread::State::Ready;
}

void LanguageClient::setStatus(const QString& text) {
    m_status = text;
    Q_EMIT statusChanged(text);
}

void LanguageClient::setDiagnosticsDelay(int ms) {
    m_diagnosticsTimer->setInterval(ms);
}

void LanguageClient::setProject(const QString& rootPath) {
    const QString root = rootPath.isEmpty() ? QString() : QFileInfo(rootPath).absoluteFilePath();
    if (root == m_root)
        return;
    // Editors of the previous project no longer feed the service.
    for (const QPointer<LanguageDocument>& document : std::as_const(m_documents))
        if (document && document->isEditable())
            document->m_client = nullptr;
    m_documents.removeIf(
        [](const auto& entry) { return !entry.value() || entry.value()->m_client == nullptr; });
    for (auto it = m_diskText.cbegin(); it != m_diskText.cend(); ++it)
        m_service->removeDocument(it.key());
    for (auto it = m_versions.cbegin(); it != m_versions.cend(); ++it)
        if (it.key().startsWith(kProjectPrefix))
            m_service->removeDocument(it.key());
    m_diskText.clear();
    m_versions.clear();
    m_problems->clear();
    m_root = root;
    if (m_root.isEmpty())
        return;
    start();
    QString error;
    if (!typescript::ensureProjectTypings(m_root, &error, m_sdkDir))
        qWarning("editor intelligence: %s", qPrintable(error));
    refreshProjectFiles();
}

void LanguageClient::refreshProjectFiles() {
    if (m_root.isEmpty())
        return;
    QString error;
    const std::optional<project::Project> project = project::Project::open(m_root, &error);
    if (!project)
        return;
    QSet<QString> present;
    for (const QString& script : project->scriptNames()) {
        const QString fileName = typescript::LanguageService::projectFileName(script);
        present.insert(fileName);
        if (const auto open = m_documents.constFind(fileName); open != m_documents.cend() && open.value())
            continue; // the editor's text wins
        const std::optional<QByteArray> bytes = project::readWholeFile(project->scriptPath(script), &error);
        if (!bytes)
            continue;
        const QString text = QString::fromUtf8(*bytes);
        const auto known = m_diskText.constFind(fileName);
        if (known != m_diskText.cend() && known.value() == text)
            continue;
        m_diskText.insert(fileName, text);
        pushText(fileName, text, nextVersion());
    }
    for (const QString& fileName : m_diskText.keys()) {
        if (present.contains(fileName))
            continue;
        m_diskText.remove(fileName);
        m_versions.remove(fileName);
        m_service->removeDocument(fileName);
        m_problems->clearFile(pathForFileName(fileName));
    }
    scheduleDiagnostics({});
}

void LanguageClient::pushText(const QString& fileName, const QString& text, int version) {
    m_versions.insert(fileName, version);
    m_service->setDocument(fileName, text, version);
}

QString LanguageClient::pathForFileName(const QString& fileName) const {
    if (fileName.startsWith(kProjectPrefix) && !m_root.isEmpty())
        return QDir(m_root).filePath(fileName.mid(kProjectPrefix.size()));
    if (fileName.startsWith(kSdkPrefix))
        return QDir(m_sdkDir).filePath(fileName.mid(kSdkPrefix.size()));
    return {};
}

QString LanguageClient::fileNameForPath(const QString& path) const {
    const QFileInfo info(path);
    const QString dir = QDir::cleanPath(info.absolutePath());
    if (!m_root.isEmpty() && dir == QDir::cleanPath(m_root) &&
        !project::Project::scriptNameForFile(info.absoluteFilePath()).isEmpty())
        return typescript::LanguageService::projectFileName(info.completeBaseName());
    if (dir == m_sdkDir && path.endsWith(QLatin1String(".d.ts")))
        return kSdkPrefix + info.fileName();
    return {};
}

bool LanguageClient::isReadOnlyPath(const QString& path) const {
    return QDir::cleanPath(QFileInfo(path).absolutePath()) == m_sdkDir;
}

LanguageDocument* LanguageClient::attach(CodeEditor* editor, const QString& path) {
    if (LanguageDocument* existing = documentFor(editor))
        return existing;
    const QString fileName = fileNameForPath(path);
    if (fileName.isEmpty())
        return nullptr;
    const bool editable = fileName.startsWith(kProjectPrefix);
    m_diskText.remove(fileName);
    auto* document =
        new LanguageDocument(this, editor, QFileInfo(path).absoluteFilePath(), fileName, editable);
    m_documents.insert(fileName, document);
    if (editable) {
        document->showDiagnostics(m_problems->diagnosticsFor(document->path()));
        scheduleDiagnostics(fileName);
    }
    return document;
}

LanguageDocument* LanguageClient::documentFor(const CodeEditor* editor) const {
    return editor == nullptr ? nullptr
                             : editor->findChild<LanguageDocument*>(QString(), Qt::FindDirectChildrenOnly);
}

void LanguageClient::documentClosed(LanguageDocument* document) {
    const auto it = m_documents.find(document->fileName());
    if (it == m_documents.end() || it.value() != document)
        return;
    m_documents.erase(it);
    // Back to the text on disk (the closed editor may have held unsaved edits).
    if (document->isEditable())
        refreshProjectFiles();
}

void LanguageClient::scheduleDiagnostics(const QString& firstFileName) {
    if (!firstFileName.isEmpty())
        m_firstDiagnostics = firstFileName;
    m_diagnosticsTimer->start();
}

void LanguageClient::requestAllDiagnostics() {
    if (!isReady())
        return; // asked again once the service is ready
    for (const QPointer<LanguageDocument>& document : std::as_const(m_documents))
        if (document)
            document->sync();
    // The file being edited first; the others may have changed through its exports.
    if (!m_firstDiagnostics.isEmpty() && m_versions.contains(m_firstDiagnostics))
        m_service->requestDiagnostics(m_firstDiagnostics);
    for (auto it = m_versions.cbegin(); it != m_versions.cend(); ++it)
        if (it.key().startsWith(kProjectPrefix) && it.key() != m_firstDiagnostics)
            m_service->requestDiagnostics(it.key());
    m_firstDiagnostics.clear();
}

void LanguageClient::onDiagnostics(const QString& fileName, int version,
                                   const QList<LsDiagnostic>& diagnostics) {
    const auto known = m_versions.constFind(fileName);
    if (known == m_versions.cend() || known.value() != version)
        return; // stale: the text changed since
    const QString path = pathForFileName(fileName);
    if (path.isEmpty())
        return;
    m_problems->setProblems(path, diagnostics);
    if (const QPointer<LanguageDocument> document = m_documents.value(fileName);
        document && document->version() == version)
        document->showDiagnostics(diagnostics);
    Q_EMIT diagnosticsApplied(path, version);
}

void LanguageClient::goToDefinition(CodeEditor* editor) {
    LanguageDocument* document = documentFor(editor);
    if (document == nullptr)
        return;
    document->sync();
    m_definitionEditor = editor;
    const int version = document->isEditable() ? document->version() : 1;
    m_definitionRequest = m_service->requestDefinition(document->fileName(), version,
                                                       lsPositionAt(editor, currentBytePosition(editor)));
}

void LanguageClient::onDefinition(quint64 id, const QString& fileName, int version,
                                  const QList<LsLocation>& locations) {
    if (id != m_definitionRequest || !m_definitionEditor)
        return;
    const LanguageDocument* document = documentFor(m_definitionEditor);
    if (document == nullptr || document->fileName() != fileName ||
        (document->isEditable() && document->version() != version))
        return;
    for (const LsLocation& location : locations) {
        const QString path = pathForFileName(location.fileName);
        if (path.isEmpty())
            continue; // TypeScript's own lib files are not shown
        Q_EMIT definitionFound(path, location.range.start, !location.fileName.startsWith(kProjectPrefix));
        return;
    }
    setStatus(tr("No definition found"));
}

void LanguageClient::reveal(CodeEditor* editor, LsPosition position) {
    const long at = bytePositionOf(editor, position);
    editor->SendScintilla(QsciScintillaBase::SCI_GOTOPOS, at);
    const int line = static_cast<int>(editor->SendScintilla(QsciScintillaBase::SCI_LINEFROMPOSITION, at));
    editor->ensureLineVisible(line);
    editor->SendScintilla(QsciScintillaBase::SCI_SCROLLCARET);
    editor->setFocus();
}

} // namespace botwright::editor
