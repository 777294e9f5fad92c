#pragma once
// What the server benches share: a minimal blocking HTTP/1.1 client (optionally from another
// loopback address), starting the real careeval-server with demo data, and a process's memory.

#include <arpa/inet.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <string_view>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace bench {

using Clock = std::chrono::steady_clock;

inline double msSince(Clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// A minimal blocking HTTP/1.1 client over one keep-alive connection.
class Conn
{
public:
    //! `from`: a loopback source address ("127.0.0.9"), to act as another client; empty: the default.
    explicit Conn(int port, const char *from = nullptr)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (from) {
            sockaddr_in src {};
            src.sin_family = AF_INET;
            inet_pton(AF_INET, from, &src.sin_addr);
            ::bind(m_fd, reinterpret_cast<sockaddr *>(&src), sizeof src);
        }
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
        int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    ~Conn()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool ok() const { return m_fd >= 0; }

    // Returns the status, fills body.
    int request(const std::string &method, const std::string &target, std::string_view body, const std::string &token, std::string &out)
    {
        std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
        if (!token.empty())
            req += "Authorization: Bearer " + token + "\r\n";
        req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
        if (!sendAll(req) || !sendAll(body))
            return -1;
        // Read headers.
        std::string head;
        while (head.find("\r\n\r\n") == std::string::npos) {
            char buf[4096];
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n <= 0)
                return -1;
            head.append(buf, static_cast<std::size_t>(n));
        }
        const auto end = head.find("\r\n\r\n") + 4;
        out = head.substr(end);
        head.resize(end);
        const int status = std::atoi(head.c_str() + 9);
        std::size_t length = 0;
        for (const char *key : {"Content-Length: ", "content-length: "})
            if (auto p = head.find(key); p != std::string::npos)
                length = std::strtoull(head.c_str() + p + std::strlen(key), nullptr, 10);
        while (out.size() < length) {
            char buf[65536];
            const ssize_t n = ::recv(m_fd, buf, std::min(sizeof buf, length - out.size()), 0);
            if (n <= 0)
                return -1;
            out.append(buf, static_cast<std::size_t>(n));
        }
        return status;
    }

    int fd() const { return m_fd; }
    bool sendAll(std::string_view s)
    {
        std::size_t sent = 0;
        while (sent < s.size()) {
            const ssize_t n = ::send(m_fd, s.data() + sent, s.size() - sent, MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += static_cast<std::size_t>(n);
        }
        return true;
    }

private:
    int m_fd = -1;
};

struct Server {
    pid_t pid = -1;
    int port = 0;
};

//! `extra`: further arguments (--database URL …).
//! Starts careeval-server (or the binary named by $CAREEVAL_BENCH_SERVER, to compare two builds on
//! the same bench: copy one aside, rebuild, run both alternately).
inline Server startServer(
    const std::string &built, const std::string &dataDir, const std::string &threads, const std::vector<std::string> &extra = {})
{
    const char *other = std::getenv("CAREEVAL_BENCH_SERVER");
    const std::string binary = other && *other ? other : built;
    int pipefd[2];
    if (pipe(pipefd) != 0)
        return {};
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(pipefd[1], STDERR_FILENO);
        close(pipefd[0]);
        std::vector<std::string> args {
            binary, "--data", dataDir, "--listen", "127.0.0.1:0", "--demo", "--admin-password", "bench-admin-1", "--threads", threads};
        args.insert(args.end(), extra.begin(), extra.end());
        std::vector<char *> argv;
        for (auto &a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(binary.c_str(), argv.data());
        _exit(127);
    }
    close(pipefd[1]);
    Server s;
    s.pid = pid;
    std::string log;
    char buf[4096];
    const auto start = Clock::now();
    while (msSince(start) < 30000) {
        const ssize_t n = read(pipefd[0], buf, sizeof buf);
        if (n <= 0)
            break;
        log.append(buf, static_cast<std::size_t>(n));
        const auto p = log.find("listening on http://127.0.0.1:");
        if (p != std::string::npos && log.find(' ', p + 30) != std::string::npos) {
            s.port = std::atoi(log.c_str() + p + 30);
            break;
        }
    }
    // Keep draining the server's log (one line per request) so it never blocks on a full pipe.
    std::thread([fd = pipefd[0]] {
        char b[65536];
        while (read(fd, b, sizeof b) > 0) { }
        close(fd);
    }).detach();
    return s;
}

//! A kB figure of /proc/PID/status ("VmRSS:" now, "VmHWM:" the peak).
inline long statusKb(pid_t pid, const char *field)
{
    FILE *f = std::fopen(("/proc/" + std::to_string(pid) + "/status").c_str(), "r");
    long kb = 0;
    char line[256];
    const std::size_t n = std::strlen(field);
    while (f && std::fgets(line, sizeof line, f))
        if (std::strncmp(line, field, n) == 0)
            kb = std::atol(line + n);
    if (f)
        std::fclose(f);
    return kb;
}

inline long rssKb(pid_t pid)
{
    return statusKb(pid, "VmRSS:");
}

} // namespace bench
