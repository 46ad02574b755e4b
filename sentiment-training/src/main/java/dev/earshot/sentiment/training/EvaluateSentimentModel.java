package dev.earshot.sentiment.training;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.sentiment.scoring.IntentMetadata;
import dev.earshot.sentiment.scoring.ModelMetadata;
import dev.earshot.sentiment.scoring.IntentDetector;
import dev.earshot.sentiment.scoring.Resources;
import dev.earshot.sentiment.scoring.SentimentModel;

/**
 * Evaluates the committed models as the service loads them (class-path {@code models/}): the
 * English sentiment model and the VADER-style lexicon baseline on the time-separated and the random
 * development splits of the tweet pool (accuracy, macro-averaged recall, macro F1, confusion matrix),
 * {@code score} as an intensity ({@code TrainSentimentModel.IntensityMeasures}: the VADER snippet sets, our
 * tweet intensity set, the splits' ordinal labels), each other
 * language's model on its UMSAB validation file (macro F1), then the intents on the held-back part
 * of our labelled posts (precision and recall per intent). Reads no test set.
 *
 * <p>Usage: {@code EvaluateSentimentModel <train.tsv> <intents.tsv>}; see {@code sentiment-service/evaluate.sh}.
 */
public final class EvaluateSentimentModel {

    private EvaluateSentimentModel() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EvaluateSentimentModel <train.tsv> <intents.tsv>");
            System.exit(2);
        }
        ModelMetadata metadata;
        try (InputStream in = Resources.open("models/sentiment-en.json")) {
            metadata = new ObjectMapper().readValue(in, ModelMetadata.class);
        }
        SentimentModel model;
        try (InputStream in = Resources.open("models/sentiment-en.bin")) {
            model = SentimentModel.load(in, metadata);
        }
        SentimentDataset dataset = SentimentDataset.read(Path.of(args[0]));
        String sha = dataset.sha256();
        if (metadata.trainingData() != null && !sha.equals(metadata.trainingData().sha256())) {
            System.out.printf("WARNING: %s has SHA-256 %s, the model was trained on %s%n", args[0], sha,
                    metadata.trainingData().sha256());
        }
        System.out.printf("sentiment model %s; %d tweets: time split (%s) %d, random split (%s) %d%n%n",
                metadata.modelVersion(), dataset.rows(), SentimentDataset.TIME_DEV_SPLIT, dataset.timeDev().size(),
                SentimentDataset.DEV_SPLIT, dataset.dev().size());
        String name = "sentiment model " + metadata.modelVersion();
        Scorecard.print(TrainSentimentModel.evaluate(model, dataset.timeDev(), name, SentimentDataset.TIME_DEV_SPLIT),
                System.out);
        Scorecard.print(TrainSentimentModel.evaluate(model, dataset.dev(), name, SentimentDataset.DEV_SPLIT), System.out);
        System.out.println();
        Scorecard.print(TrainSentimentModel.evaluateBaseline(dataset.timeDev(), SentimentDataset.TIME_DEV_SPLIT),
                System.out);
        Scorecard.print(TrainSentimentModel.evaluateBaseline(dataset.dev(), SentimentDataset.DEV_SPLIT), System.out);
        System.out.printf("%nscore as intensity: Pearson r with the human valence of the VADER snippet sets (and their"
                + " mean) and of our tweet intensity set (ourTweets, also Spearman), Pearson and Spearman r with the"
                + " ordinal label (-1/0/1) of the time and random splits:%n  %s%n%n",
                TrainSentimentModel.IntensityMeasures.of(model, Path.of(args[0]).toAbsolutePath().getParent(), dataset)
                        .figures(model));

        Path umsab = Path.of(args[0]).toAbsolutePath().getParent().resolve("umsab");
        double sum = 0;
        for (String code : TrainLanguageModels.CODES) {
            ModelMetadata languageMetadata;
            try (InputStream in = Resources.open("models/sentiment-" + code + ".json")) {
                languageMetadata = new ObjectMapper().readValue(in, ModelMetadata.class);
            }
            SentimentModel languageModel;
            try (InputStream in = Resources.open("models/sentiment-" + code + ".bin")) {
                languageModel = SentimentModel.load(in, languageMetadata);
            }
            Path validation = TrainLanguageModels.validationFile(umsab, code);
            ModelMetadata.Evaluation figures = TrainSentimentModel.evaluate(languageModel,
                    TrainLanguageModels.read(validation), "sentiment model " + languageMetadata.modelVersion(),
                    "umsab/" + validation.getFileName());
            System.out.printf("%s: validation macro F1 %.4f   macro recall %.4f   accuracy %.4f   (%s, %d tweets)%n",
                    code, figures.macroF1(), figures.macroRecall(), figures.accuracy(), languageMetadata.modelVersion(),
                    TrainLanguageModels.read(validation).size());
            sum += figures.macroF1();
        }
        System.out.printf("mean validation macro F1 of %s: %.4f%n%n", TrainLanguageModels.CODES,
                sum / TrainLanguageModels.CODES.size());

        IntentMetadata intentMetadata;
        try (InputStream in = Resources.open("models/intents-en.json")) {
            intentMetadata = new ObjectMapper().readValue(in, IntentMetadata.class);
        }
        IntentDetector detector = IntentDetector.load("models/intents", intentMetadata.threshold());
        List<TrainIntentModel.Post> heldBack = TrainIntentModel.read(Path.of(args[1])).stream()
                .filter(post -> TrainIntentModel.isHeldBack(post.text())).toList();
        System.out.printf("intent models %s; held-back part %s: %d posts%n", intentMetadata.modelVersion(),
                intentMetadata.heldBackSplit(), heldBack.size());
        TrainIntentModel.print("rules and models joined (what the service answers)",
                TrainIntentModel.figures(heldBack, post -> TrainIntentModel.joined(detector, model, post)),
                System.out);
    }
}
