#include "engine/imaging/diagnostic_capture.h"

#include <QByteArray>
#include <QImageReader>
#include <QList>

#include <cstdio>
#include <sys/mman.h>
#include <unistd.h>

namespace botwright::imaging {

namespace {

std::recursive_mutex& captureMutex() {
    static std::recursive_mutex mutex;
    return mutex;
}

QtMessageHandler s_previousHandler = nullptr;
thread_local DiagnosticCapture* s_current = nullptr;

} // namespace

DiagnosticCapture::DiagnosticCapture()
    : m_lock(captureMutex()) {
    static std::once_flag installed;
    std::call_once(installed,
                   [] { s_previousHandler = qInstallMessageHandler(&DiagnosticCapture::handleMessage); });
    m_outer = s_current;
    s_current = this;
    std::fflush(stderr);
    m_savedStderr = ::dup(STDERR_FILENO);
    m_capturedStderr = ::memfd_create("botwright-image-diagnostics", MFD_CLOEXEC);
    if (m_savedStderr < 0 || m_capturedStderr < 0 || ::dup2(m_capturedStderr, STDERR_FILENO) < 0) {
        if (m_savedStderr >= 0)
            ::close(m_savedStderr);
        if (m_capturedStderr >= 0)
            ::close(m_capturedStderr);
        m_savedStderr = m_capturedStderr = -1; // capture only the Qt messages
    }
}

DiagnosticCapture::~DiagnosticCapture() {
    if (m_savedStderr >= 0) {
        std::fflush(stderr);
        ::dup2(m_savedStderr, STDERR_FILENO);
        ::close(m_savedStderr);
        ::close(m_capturedStderr);
    }
    s_current = m_outer;
}

void DiagnosticCapture::handleMessage(QtMsgType type, const QMessageLogContext& context,
                                      const QString& message) {
    if (s_current != nullptr) {
        s_current->m_lastMessage = message;
        return;
    }
    if (s_previousHandler != nullptr)
        s_previousHandler(type, context, message);
    else
        std::fprintf(stderr, "%s\n", qUtf8Printable(message)); // what Qt's default handler prints
}

QString DiagnosticCapture::lastLine() const {
    QString last = m_lastMessage;
    if (m_capturedStderr >= 0) {
        std::fflush(stderr);
        QByteArray text(4096, '\0');
        const off_t end = ::lseek(m_capturedStderr, 0, SEEK_END);
        const off_t from = end > text.size() ? end - text.size() : 0;
        const ssize_t n = ::pread(m_capturedStderr, text.data(), static_cast<size_t>(text.size()), from);
        text.truncate(n > 0 ? n : 0);
        const QList<QByteArray> lines = text.trimmed().split('\n');
        if (!lines.isEmpty() && !lines.last().trimmed().isEmpty())
            last = QString::fromUtf8(lines.last().trimmed()); // the library's own words: the most specific
    }
    return last;
}

QString DiagnosticCapture::explain(const QImageReader& reader) const {
    const QString line = lastLine();
    if (reader.error() != QImageReader::UnknownError || line.isEmpty())
        return reader.errorString();
    return line;
}

} // namespace botwright::imaging
