#pragma once

#include <QString>
#include <QtGlobal>

#include <mutex>

class QImageReader;

namespace botwright::imaging {

// Collects what Qt's image plugins and the libraries under them say while an image op runs, instead of
// letting it reach stderr: Qt's plugins use qWarning, but libpng's errors (and some of libtiff's and
// libwebp's) are printed straight to stderr. botwright-vm's stderr turns into error entries in the
// host's log, which fail a test run, so a script that merely catches a decoding error must not write
// there. While a capture exists, this thread's Qt messages and everything written to file descriptor 2
// are kept (captures are serialised process-wide: fd 2 is one per process); the last line explains a
// failure the reader only calls "Unknown error". Other threads' Qt messages pass on as before.
class DiagnosticCapture final {
public:
    DiagnosticCapture();
    ~DiagnosticCapture();
    DiagnosticCapture(const DiagnosticCapture&) = delete;
    DiagnosticCapture& operator=(const DiagnosticCapture&) = delete;

    // The last line captured so far (empty when none).
    QString lastLine() const;
    // The reader's error, or lastLine() when the reader only knows an unknown error.
    QString explain(const QImageReader& reader) const;

private:
    static void handleMessage(QtMsgType type, const QMessageLogContext& context, const QString& message);

    std::unique_lock<std::recursive_mutex> m_lock;
    DiagnosticCapture* m_outer = nullptr;
    QString m_lastMessage;
    int m_savedStderr = -1;
    int m_capturedStderr = -1;
};

} // namespace botwright::imaging
