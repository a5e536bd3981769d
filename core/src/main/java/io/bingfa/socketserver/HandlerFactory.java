package io.bingfa.socketserver;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * A serialisable handler factory, which {@link ProcessTcpServer} copies into each of its server
 * JVMs: a constructor reference ({@code UpperHandler::new}) or a lambda whose captured values are
 * serialisable. The handler class must be on the class path, which the children share with this
 * JVM.
 */
@FunctionalInterface
public interface HandlerFactory extends Supplier<BaseRequestHandler>, Serializable {}
