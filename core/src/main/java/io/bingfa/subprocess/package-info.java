/**
 * Python's {@code subprocess}: run programs, feed them input, capture their output, wait for
 * them with a timeout, and signal them. Built on {@link java.lang.ProcessBuilder}; the names and
 * the semantics are CPython's.
 *
 * <table class="striped">
 * <caption>Python names</caption>
 * <tr><th>Python</th><th>bingfa</th></tr>
 * <tr><td>{@code run(args, **kwargs)}</td><td>{@link io.bingfa.subprocess.Subprocess#run(java.util.List, io.bingfa.subprocess.RunOptions)}</td></tr>
 * <tr><td>{@code call}, {@code check_call}, {@code check_output}</td><td>{@link io.bingfa.subprocess.Subprocess#call call}, {@link io.bingfa.subprocess.Subprocess#checkCall checkCall}, {@link io.bingfa.subprocess.Subprocess#checkOutput checkOutput}</td></tr>
 * <tr><td>keyword arguments ({@code input}, {@code capture_output}, {@code check}, {@code timeout}, {@code cwd}, {@code env}, {@code stdin}/{@code stdout}/{@code stderr})</td><td>{@link io.bingfa.subprocess.RunOptions} and its builder</td></tr>
 * <tr><td>{@code PIPE}, {@code DEVNULL}, {@code STDOUT}, {@code None}, a file</td><td>{@link io.bingfa.subprocess.Redirect}: {@code PIPE}, {@code DEVNULL}, {@code STDOUT}, {@code INHERIT}, {@code from/to/appendTo(Path)}</td></tr>
 * <tr><td>{@code CompletedProcess} ({@code args}, {@code returncode}, {@code stdout}, {@code stderr}, {@code check_returncode()})</td><td>{@link io.bingfa.subprocess.CompletedProcess} ({@code args()}, {@code returnCode()}, {@code stdout()}, {@code stderr()}, {@code stdoutText()}, {@code checkReturnCode()})</td></tr>
 * <tr><td>{@code Popen(args, ...)}, {@code with Popen(...)}</td><td>{@link io.bingfa.subprocess.Popen} ({@code new Popen(args, options)}, try-with-resources)</td></tr>
 * <tr><td>{@code communicate(input, timeout)}, {@code poll()}, {@code wait(timeout)}</td><td>{@code communicate(byte[], Duration)}, {@code poll()}, {@code waitFor()}, {@code waitFor(Duration)}</td></tr>
 * <tr><td>{@code terminate()}, {@code kill()}, {@code pid}, {@code returncode}, {@code stdin}/{@code stdout}/{@code stderr}</td><td>{@code terminate()}, {@code kill()}, {@code pid()}, {@code returnCode()}, {@code stdin()}/{@code stdout()}/{@code stderr()}</td></tr>
 * <tr><td>{@code SubprocessError}, {@code CalledProcessError}, {@code TimeoutExpired}</td><td>{@link io.bingfa.subprocess.SubprocessException}, {@link io.bingfa.subprocess.CalledProcessException}, {@link io.bingfa.subprocess.TimeoutExpiredException} (unchecked)</td></tr>
 * <tr><td>{@code FileNotFoundError}, {@code PermissionError} from {@code Popen()}</td><td>the checked {@link java.io.IOException} of {@link java.lang.ProcessBuilder#start()}</td></tr>
 * </table>
 *
 * <p>Exit statuses follow CPython: {@code -n} for a child killed by signal {@code n}. The JDK
 * reports such a death as {@code 128 + n}, so a child that calls {@code exit(137)} itself also
 * reads as -9; nothing in the JDK tells the two apart.
 *
 * <p>Not supported: {@code shell=True} (use {@code List.of("/bin/sh", "-c", cmd)}),
 * {@code text=True}/{@code encoding} (output is bytes; the {@code ...Text()} methods decode UTF-8
 * or a given charset), {@code send_signal(n)} for other signals, {@code preexec_fn},
 * {@code close_fds=False}, {@code pass_fds}, {@code start_new_session}, {@code user}/{@code group},
 * {@code getoutput}/{@code getstatusoutput}. The program is found on this JVM's {@code PATH},
 * not on the {@code PATH} of a replaced {@code env}. Tested on Linux.
 *
 * <h2 id="memory">Memory consistency effects</h2>
 * A child shares nothing with this JVM: input is copied into a pipe and output copied out of one.
 * Within this JVM, what the reader threads of {@link io.bingfa.subprocess.Popen#communicate()}
 * stored happens-before the call returns it, and the child's exit happens-before any method that
 * reports its exit status returns.
 */
package io.bingfa.subprocess;
