package dev.earshot.sentiment.scoring;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/** Intents from clear keyword rules over normalised text; an empty list when none applies. */
@ApplicationScoped
public class IntentDetector {

    public static final String OUTAGE = "outage";
    public static final String BILLING = "billing";
    public static final String ACCOUNT_SECURITY = "account-security";
    public static final String CHURN_RISK = "churn-risk";
    public static final String LEGAL_THREAT = "legal-threat";
    public static final String QUESTION = "question";
    public static final String COMPLAINT = "complaint";
    public static final String PRAISE = "praise";

    public List<String> detect(String normalizedText) {
        List<String> intents = new ArrayList<>();
        if (Rules.OUTAGE.matcher(normalizedText).find()) {
            intents.add(OUTAGE);
        }
        if (Rules.BILLING.matcher(normalizedText).find()) {
            intents.add(BILLING);
        }
        if (Rules.SECURITY.matcher(normalizedText).find()) {
            intents.add(ACCOUNT_SECURITY);
        }
        if (Rules.CHURN.matcher(normalizedText).find()) {
            intents.add(CHURN_RISK);
        }
        if (Rules.LEGAL.matcher(normalizedText).find()) {
            intents.add(LEGAL_THREAT);
        }
        if (Rules.asksQuestion(normalizedText)) {
            intents.add(QUESTION);
        }
        if (Rules.COMPLAINT.matcher(normalizedText).find()) {
            intents.add(COMPLAINT);
        }
        if (Rules.praises(normalizedText)) {
            intents.add(PRAISE);
        }
        return List.copyOf(intents);
    }
}
