package io.bingfa.lab.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.lab.examples.ProcessExamplesTest.Run;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The course's async_wget.py against three local HTTP servers: every header, fetched at the same time. */
class HeaderFetcherTest {
    private static final List<String> HOSTS = List.of("sina.local", "sohu.local", "163.local");

    @Test
    void eachHostsStatusLineAndHeadersArePrintedAndTheThreeFetchesOverlap() throws Exception {
        Run r = ProcessExamplesTest.run("header-fetcher", "--time-scale", "0.5");
        List<String> lines = r.lines();
        for (String host : HOSTS) {
            assertEquals(1, r.count(host + " header > HTTP/1.1 200 OK"), r.out());
            assertEquals(1, r.count(host + " header > X-host: " + host), "the Host header went out\n" + r.out());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(host + " header > Server: bingfa-lab " + host)), r.out());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(host + " header > Content-length: ")), r.out());
            assertEquals(0, lines.stream().filter(l -> l.startsWith(host + " header > <html>")).count(), "the body is ignored");
        }
        int firstHeader = indexOf(lines, " header > ");
        int lastWget = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("wget \\S+\\.\\.\\.")) {
                lastWget = i;
            }
        }
        assertTrue(lastWget >= 0 && lastWget < firstHeader, "all three wget lines before the first header\n" + r.out());
        // the fastest server (sohu, 0.2 s) answers first, though its request went out second
        assertTrue(lines.get(firstHeader).startsWith("sohu.local header > "), r.out());
        Matcher m = r.result("^3 of 3 hosts answered; all 3 requests went out before the first header came back;"
                + " ([\\d.]+) s in all: close to ");
        double took = Double.parseDouble(m.group(1));
        // the overlap is shown by the order above; the time only has to include the slowest delay
        assertTrue(took >= 0.36, "the slowest server waits 0.6 s before it answers: " + r.out());
    }

    @Test
    void chineseOutputSaysTheSame() throws Exception {
        Run r = ProcessExamplesTest.run("header-fetcher", "--time-scale", "0.1", "--lang", "zh");
        assertTrue(r.out().contains("本机127.0.0.1:"), r.out());
        assertEquals(3, r.lines().stream().filter(l -> l.endsWith(" header > HTTP/1.1 200 OK")).count(), r.out());
        r.result("^3/3个网站有应答；第一个头回来之前3个请求都已发出；总共[\\d.]+秒：");
    }

    @Test
    void hostOptionFetchesTheNamedHostsOnPort80AndReportsEachFailure() throws Exception {
        // nothing listens on 127.0.0.1:80 here: each named host fails on its own, the run goes on
        Run r = ProcessExamplesTest.run("header-fetcher", "--host", "127.0.0.1, localhost");
        assertEquals(1, r.count("wget 127.0.0.1..."), r.out());
        assertEquals(1, r.count("wget localhost..."), r.out());
        assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("wget 127.0.0.1 failed: ")), r.out());
        assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("wget localhost failed: ")), r.out());
        r.result("^0 of 2 hosts answered; ");
    }

    @Test
    void hostOptionIsFreeTextAndRefusesAnEmptyValue() {
        ExampleOption host = Examples.find("header-fetcher").orElseThrow().options().get(0);
        assertEquals("--host NAME[,NAME...]", host.usage());
        assertEquals(null, host.check("www.sina.com.cn,www.sohu.com"));
        assertEquals("--host: empty (expected: NAME[,NAME...])", host.check(" "));
    }

    @Test
    void registeredUnderCoroutines() {
        assertEquals(Topic.COROUTINES, Examples.find("header-fetcher").orElseThrow().topic());
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }
}
