"""Tiny fake web server for the sandbox smoke test.

Every request on :80 (HTTP) and :443/:8443 (HTTPS, self-signed) gets
200 with the body "fakenet host=<Host> port=<port> scheme=<scheme>
via=<Via> xff=<X-Forwarded-For>" (the last two show what a proxy added).
UDP :53 answers every datagram with "fakenet-udp" (a stand-in resolver, to
prove that a blocked query was blocked by the sandbox, not unanswered).
Each request is logged on stdout so the test can check what reached it.
With /srv/fakenet/tls/{cert,key}.pem mounted, HTTPS uses that certificate.
A path starting with /echo-headers answers instead with one line per request
header, "echo <name lower case> sha256=<hex of its value>", and logs the same
lines: a test can tell which value arrived (an injected secret or its
placeholder) without any value being printed.
"""
import hashlib
import http.server
import os
import socketserver
import ssl
import threading

CERT = "/srv/fakenet/cert.pem"
KEY = "/srv/fakenet/key.pem"
# A test may mount a certificate of its own CA here (trusted in the sandbox through
# extra-ca-certificates): then HTTPS answers with it instead of the self-signed one.
if os.path.exists("/srv/fakenet/tls/cert.pem"):
    CERT = "/srv/fakenet/tls/cert.pem"
    KEY = "/srv/fakenet/tls/key.pem"


def make_handler(port, scheme):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _echo_headers(self):
            lines = [f"echo {k.lower()} sha256={hashlib.sha256(v.encode('latin-1')).hexdigest()}"
                     for k, v in self.headers.items()]
            if self.command in ("POST", "PUT"):
                n = int(self.headers.get("Content-Length", "0") or 0)
                if n > 0:
                    self.rfile.read(min(n, 1 << 20))
            for line in lines:
                print(f"fakenet {scheme}:{port} {self.path.split('?')[0][:100]} {line}", flush=True)
            body = ("\n".join(lines) + "\n").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _answer(self):
            if self.path.startswith("/echo-headers"):
                return self._echo_headers()
            host = self.headers.get("Host", "")
            via = self.headers.get("Via", "")
            xff = self.headers.get("X-Forwarded-For", "")
            body = (f"fakenet host={host} port={port} scheme={scheme} "
                    f"via={via} xff={xff}\n").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_GET = do_POST = do_HEAD = do_PUT = _answer

        def log_message(self, fmt, *args):
            print(f"fakenet {scheme}:{port} {self.client_address[0]} "
                  f"host={self.headers.get('Host', '') if self.headers else ''} "
                  + (fmt % args), flush=True)

    return Handler


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(port, tls):
    srv = Server(("0.0.0.0", port), make_handler(port, "https" if tls else "http"))
    if tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(CERT, KEY)
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    srv.serve_forever()


def serve_udp(port):
    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            data, sock = self.request
            print(f"fakenet udp:{port} {self.client_address[0]} {len(data)} bytes", flush=True)
            sock.sendto(b"fakenet-udp\n", self.client_address)

    socketserver.ThreadingUDPServer(("0.0.0.0", port), Handler).serve_forever()


if __name__ == "__main__":
    threads = [threading.Thread(target=serve, args=a, daemon=True)
               for a in ((80, False), (443, True), (8443, True))]
    threads.append(threading.Thread(target=serve_udp, args=(53,), daemon=True))
    for t in threads:
        t.start()
    print("fakenet ready", flush=True)
    for t in threads:
        t.join()
