#include "engine/runtime/vm_channel.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace botwright::runtime {

namespace {
constexpr qsizetype kFlushThreshold = 256 * 1024;
constexpr int kPipeBytes = 1024 * 1024;
} // namespace

VmChannel::VmChannel(int readFd, int writeFd)
    : m_readFd(readFd)
    , m_writeFd(writeFd) {
    m_out.reserve(kFlushThreshold * 2);
    // Larger pipes (when the fds are pipes): events arrive by the thousand, and a 64 KiB pipe holds
    // only some forty of them, so both sides would wake each other for every few events. Best
    // effort: the system's limit (fs.pipe-max-size) may refuse it, and files ignore it.
    for (const int fd : {readFd, writeFd})
        ::fcntl(fd, F_SETPIPE_SZ, kPipeBytes);
}

VmChannel::~VmChannel() = default;

void VmChannel::start() {
    std::thread([this] { readLoop(); }).detach();
}

void VmChannel::readLoop() {
    constexpr qsizetype kReadBytes = 256 * 1024;
    VmFrameReader reader;
    std::vector<VmFrame> frames;
    for (;;) {
        const ssize_t n = ::read(m_readFd, reader.prepareAppend(kReadBytes), kReadBytes);
        reader.commitAppend(kReadBytes, n);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            std::lock_guard lock(m_mutex);
            m_ended = true;
            m_ready.notify_one();
            return;
        }
        VmFrame frame;
        QString error;
        while (reader.next(&frame, &error))
            frames.push_back(std::move(frame));
        std::lock_guard lock(m_mutex);
        for (VmFrame& f : frames)
            m_queue.push_back(std::move(f));
        frames.clear();
        if (!error.isEmpty()) {
            m_error = error;
            m_ended = true;
        }
        if (!m_queue.empty() || m_ended)
            m_ready.notify_one();
        if (m_ended)
            return;
    }
}

bool VmChannel::take(std::vector<VmFrame>* frames) {
    std::unique_lock lock(m_mutex);
    m_ready.wait(lock, [this] { return !m_queue.empty() || m_ended; });
    if (m_queue.empty())
        return false;
    frames->swap(m_queue);
    m_queue.clear();
    return true;
}

bool VmChannel::hasPending() {
    std::lock_guard lock(m_mutex);
    return !m_queue.empty();
}

QString VmChannel::inputError() {
    std::lock_guard lock(m_mutex);
    return m_error;
}

void VmChannel::send(VmMessage kind, QByteArrayView body) {
    m_out.append(encodeVmFrame(kind, body));
    if (m_out.size() > kFlushThreshold)
        flush();
}

void VmChannel::flush() {
    qsizetype done = 0;
    while (done < m_out.size()) {
        const ssize_t n =
            ::write(m_writeFd, m_out.constData() + done, static_cast<size_t>(m_out.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; // the host is gone; nothing more to tell it
        done += n;
    }
    m_out.clear();
}

} // namespace botwright::runtime
