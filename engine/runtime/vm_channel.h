#pragma once

#include "engine/runtime/vm_protocol.h"

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace botwright::runtime {

// The worker's side of the host protocol: a thread reads frames from a file descriptor (stdin) into
// a queue; the V8 thread takes them in batches and writes replies, buffered, to another (stdout).
class VmChannel final {
public:
    VmChannel(int readFd, int writeFd);
    ~VmChannel(); // the reader thread is detached: it may be blocked in read()
    VmChannel(const VmChannel&) = delete;
    VmChannel& operator=(const VmChannel&) = delete;

    void start();
    // Waits for at least one frame; false when the input has ended (or broke) and nothing is left.
    bool take(std::vector<VmFrame>* frames);
    bool hasPending();
    // Buffered until flush(); flush() also happens when the buffer grows past 256 KiB.
    void send(VmMessage kind, QByteArrayView body);
    void flush();
    QString inputError();

private:
    void readLoop();

    int m_readFd;
    int m_writeFd;
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::vector<VmFrame> m_queue;
    bool m_ended = false;
    QString m_error;
    QByteArray m_out;
};

} // namespace botwright::runtime
