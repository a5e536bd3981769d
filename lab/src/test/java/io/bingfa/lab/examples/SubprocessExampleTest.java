package io.bingfa.lab.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SubprocessExampleTest {
    @Test
    void capturesOutputPipesInputRaisesOnFailureAndEnforcesTheTimeout() throws Exception {
        ProcessExamplesTest.Run r = ProcessExamplesTest.run("subprocess", "--time-scale", "0.2");
        String out = r.out();
        assertTrue(Pattern.compile("(?m)^run: return code 0, stdout 'hello from pid \\d+'$").matcher(out).find(), out);
        assertEquals(1, r.count("Popen + communicate: sort returned ['apple', 'fig', 'pear']"), out);
        assertEquals(1, r.count("check=True: Command '['sh', '-c', 'exit 3']' returned non-zero exit status 3."), out);
        Matcher timeout = Pattern.compile("(?m)^timeout: .* \\(the child was killed after ([\\d.]+) s\\)$").matcher(out);
        assertTrue(timeout.find(), out);
        assertTrue(Double.parseDouble(timeout.group(1)) < 10, out);
        r.result("^four subprocess calls");
    }
}
