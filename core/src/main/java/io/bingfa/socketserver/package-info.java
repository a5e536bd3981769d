/**
 * Python's {@code socketserver}: TCP servers that accept connections and hand each one to a new
 * request handler, one at a time, on a thread per connection, or in pre-started server JVMs.
 *
 * <table class="striped">
 * <caption>Python names and their Java counterparts</caption>
 * <thead><tr><th>Python</th><th>Java</th></tr></thead>
 * <tbody>
 * <tr><td>{@code TCPServer(server_address, RequestHandlerClass)}</td>
 *     <td>{@link io.bingfa.socketserver.TcpServer#TcpServer(java.net.InetSocketAddress, java.util.function.Supplier)
 *     new TcpServer(address, Handler::new)}, {@code TcpServer.builder(Handler::new)...build()}</td></tr>
 * <tr><td>{@code ThreadingTCPServer}, {@code ThreadingMixIn}</td>
 *     <td>{@link io.bingfa.socketserver.ThreadingTcpServer} (platform threads, or
 *     {@code builder(...).virtualThreads(true)})</td></tr>
 * <tr><td>{@code ForkingTCPServer}, {@code ForkingMixIn}</td>
 *     <td>{@link io.bingfa.socketserver.ProcessTcpServer}: N pre-started child JVMs sharing the port
 *     ({@code SO_REUSEPORT}); the factory is a serialisable {@link io.bingfa.socketserver.HandlerFactory}</td></tr>
 * <tr><td>{@code BaseRequestHandler}: {@code setup}, {@code handle}, {@code finish},
 *     {@code request}, {@code client_address}, {@code server}</td>
 *     <td>{@link io.bingfa.socketserver.BaseRequestHandler}: {@code setup()}, {@code handle()},
 *     {@code finish()}, {@code request()} (a {@link java.net.Socket}), {@code clientAddress()}, {@code server()}</td></tr>
 * <tr><td>{@code StreamRequestHandler}: {@code rfile}, {@code wfile}, {@code rfile.readline()}</td>
 *     <td>{@link io.bingfa.socketserver.StreamRequestHandler}: {@code rfile()} (buffered, with
 *     {@code readLine()}), {@code wfile()} (unbuffered); bytes, not text</td></tr>
 * <tr><td>{@code serve_forever(poll_interval=0.5)}</td><td>{@code serveForever()}, {@code serveForever(Duration)}</td></tr>
 * <tr><td>{@code shutdown()}</td><td>{@code shutdown()}: from another thread; the serving thread gets
 *     {@code IllegalStateException} instead of CPython's deadlock</td></tr>
 * <tr><td>{@code server_close()}, {@code with server:}</td><td>{@code close()}, try-with-resources</td></tr>
 * <tr><td>{@code server_address} (port 0 picks one)</td><td>{@code address()}</td></tr>
 * <tr><td>{@code request_queue_size}, {@code allow_reuse_address}, {@code allow_reuse_port}</td>
 *     <td>{@code requestQueueSize(n)} (default 4096, not 5), {@code reuseAddress(b)}, {@code reusePort(b)}</td></tr>
 * <tr><td>{@code daemon_threads}, {@code block_on_close}</td><td>{@code daemonThreads(b)}, {@code blockOnClose(b)}</td></tr>
 * <tr><td>{@code StreamRequestHandler.timeout}</td><td>{@code idleTimeout(Duration)} on the server</td></tr>
 * <tr><td>(none)</td><td>{@code maxConnections(n)}: more wait in the listen backlog</td></tr>
 * <tr><td>{@code verify_request}, {@code handle_error}, {@code service_actions}</td>
 *     <td>protected {@code verifyRequest}, {@code handleError} (logs WARNING), {@code serviceActions}</td></tr>
 * <tr><td>{@code UDPServer}, {@code UnixStreamServer}, {@code handle_request}, {@code handle_timeout},
 *     {@code fileno}</td><td>not supported</td></tr>
 * </tbody>
 * </table>
 *
 * <p>A handler that throws loses its connection only: the exception is logged through
 * {@code System.Logger} {@code io.bingfa.socketserver} and the server goes on. Servers bind
 * {@code 127.0.0.1} unless given another address. Every server is {@code AutoCloseable};
 * {@code close()} leaves no thread or child JVM running.
 *
 * <p><b>Capacity.</b> A {@code ThreadingTcpServer} with default options holds 10,000 idle
 * connections; the process's descriptor limit ({@code ulimit -n}) is the real bound, and each
 * connection costs one descriptor on the server's side. Set {@code idleTimeout} to free
 * connections whose clients went quiet, and {@code maxConnections} to bound the threads.
 *
 * <p>Memory consistency effects: actions before a connection is accepted happen-before its handler
 * runs; a handler's actions happen-before {@code close()} returns. Across processes
 * ({@code ProcessTcpServer}) nothing is shared: the handler factory is copied into each child.
 */
package io.bingfa.socketserver;
