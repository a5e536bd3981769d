package io.bingfa.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples where threads wait for each other: Condition and Event. */
class SignalExamplesTest {

    @Test
    void conditionDialogueSaysTheSixLinesInOrder() {
        LabRun.Result r = LabRun.example("condition-dialogue");
        assertEquals(List.of(
                "Tianmao : Xiaoai!",
                "Xiaoai : I'm here",
                "Tianmao : Let's take turns reciting a classical poem",
                "Xiaoai : Sure",
                "Tianmao : I live at the head of the Yangtze",
                "Xiaoai : Let's stop here, bye",
                "result: 6 lines, in the dialogue's order: True"), r.lines(), r.both());
    }

    @Test
    void conditionDialogueInChineseIsTheCoursesDialogue() {
        for (int run = 0; run < 5; run++) {
            LabRun.Result r = LabRun.example("condition-dialogue", "--lang", "zh");
            assertEquals(List.of(
                    "天猫精灵 : 小爱同学",
                    "小爱 : 在",
                    "天猫精灵 : 我们来对古诗吧",
                    "小爱 : 好啊",
                    "天猫精灵 : 我住长江头",
                    "小爱 : 不聊了，再见",
                    "结果: 共6句，按对话顺序：True"), r.lines(), r.both());
        }
    }

    @Test
    void conditionDialogueWithALockOnlyExcludesButDoesNotOrder() {
        LabRun.Result r = LabRun.example("condition-dialogue", "--mode", "lock", "--lang", "zh");
        List<String> lines = r.lines();
        assertEquals(5, lines.size(), r.both());
        // each speaker's own two lines stay in its order; how they mix is up to the scheduler
        assertTrue(lines.indexOf("天猫精灵 : 小爱同学") < lines.indexOf("天猫精灵 : 我们来对古诗吧"), r.both());
        assertTrue(lines.indexOf("小爱 : 在") < lines.indexOf("小爱 : 好啊"), r.both());
        r.result("^共4句，按对话顺序：(True|False)$");
    }

    @Test
    void conditionDialogueWithAPolledFlagAlternates() {
        LabRun.Result r = LabRun.example("condition-dialogue", "--mode", "poll");
        assertEquals(List.of(
                "Tianmao : Xiaoai!",
                "Xiaoai : I'm here",
                "Tianmao : Let's take turns reciting a classical poem",
                "Xiaoai : Sure",
                "result: 4 lines, in the dialogue's order: True"), r.lines(), r.both());
    }

    /*
     * The event-network runs are at half speed: which wait the network comes up in is decided by the
     * seeded sleeps and timeouts, and at this scale the closest two moments are still 165 ms apart,
     * far more than a loaded machine's scheduling delays.
     */

    @Test
    void eventNetworkConnectsOnceCheckNetSetsTheEvent() {
        // seed 2: the network is up after 1.50 s; conn_mysql's waits end at 0.54, 0.90, 1.17 and 2.01 s
        LabRun.Result r = LabRun.example("event-network", "--seed", "2", "--time-scale", "0.5");
        assertEquals(4, r.count("the network is not up yet"), r.both());
        assertEquals(1, r.count("the network is up, you can connect now"), r.both());
        List<String> lines = r.lines();
        assertEquals("connected at last", lines.get(lines.size() - 2), r.both());
        r.result("^conn_mysql connected after 4 wait\\(s\\) \\(seed 2\\)$");
    }

    @Test
    void eventNetworkGivesUpAfterFiveWaits() {
        // seed 7: the network is up after 1.74 s; conn_mysql's five waits end before that
        LabRun.Result r = LabRun.example("event-network", "--seed", "7", "--time-scale", "0.5", "--lang", "zh");
        assertEquals(5, r.count("网络暂时不通"), r.both());
        assertEquals(1, r.count("连了5次都没成功，我不连了"), r.both());
        assertEquals(1, r.count("网络通了，可以进行连接"), r.both());
        assertEquals(0, r.count("终于可以连了"), r.both());
        r.result("^conn_mysql等待5次后放弃连接（seed 7）$");
    }

    @Test
    void eventNetworkWithTheSameSeedPrintsTheSameLines() {
        LabRun.Result a = LabRun.example("event-network", "--seed", "13", "--time-scale", "0.5");
        LabRun.Result b = LabRun.example("event-network", "--seed", "13", "--time-scale", "0.5");
        // the two lines printed as the event is set may come in either order
        assertEquals(a.lines().stream().sorted().toList(), b.lines().stream().sorted().toList(), a.both() + b.both());
    }

    @Test
    void eventNetworkColoursLikeTermcolorWhenAsked() {
        LabRun.Result r = LabRun.example("event-network", "--seed", "27", "--time-scale", "0.05", "--color");
        assertEquals(1, r.count("\u001b[32mthe network is up, you can connect now\u001b[0m"), r.both());
        assertTrue(r.count("\u001b[31mthe network is not up yet\u001b[0m") >= 1, r.both());
        assertEquals(1, r.count("\u001b[34mconnected at last\u001b[0m"), r.both());
    }
}
