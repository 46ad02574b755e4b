package dev.earshot.sentiment.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VaderBaselineTest {

    private final VaderBaseline vader = new VaderBaseline();

    @Test
    void labelsByTheCompoundWithTheStandardThresholds() {
        assertEquals("positive", vader.label("I love this, great job"));
        assertEquals("negative", vader.label("this is terrible and I hate it"));
        assertEquals("neutral", vader.label("the meeting is on Tuesday"));
    }

    @Test
    void negationBoostersCapsPunctuationAndButShiftTheCompound() {
        assertTrue(vader.compound("not good") < 0);
        assertTrue(vader.compound("very good") > vader.compound("good"));
        assertTrue(vader.compound("the movie was GOOD") > vader.compound("the movie was good"));
        assertTrue(vader.compound("good!!!") > vader.compound("good"));
        assertTrue(vader.compound("the food was great but the service was bad") < 0,
                "the clause after but weighs more");
        assertTrue(vader.compound("it was bad &amp; sad") < vader.compound("it was bad"), "entities decoded");
    }

    @Test
    void theCompoundStaysWithinMinusOneAndOne() {
        double compound = vader.compound("love love love love love love love love love love great amazing!!!");
        assertTrue(compound > 0.9 && compound < 1, String.valueOf(compound));
    }
}
