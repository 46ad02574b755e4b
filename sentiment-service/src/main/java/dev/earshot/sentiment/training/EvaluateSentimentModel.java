package dev.earshot.sentiment.training;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.earshot.sentiment.model.IntentMetadata;
import dev.earshot.sentiment.model.ModelMetadata;
import dev.earshot.sentiment.scoring.IntentDetector;
import dev.earshot.sentiment.scoring.Resources;
import dev.earshot.sentiment.scoring.SentimentModel;

/**
 * Evaluates the committed models as the service loads them (class-path {@code models/}): the
 * sentiment model and the VADER-style lexicon baseline on the same development split of the tweet
 * pool (accuracy, macro-averaged recall, macro F1, confusion matrix), then the intents on the
 * held-back part of our labelled posts (precision and recall per intent). Reads no test set.
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
        System.out.printf("sentiment model %s; dev split %s: %d of %d tweets%n%n", metadata.modelVersion(),
                SentimentDataset.DEV_SPLIT, dataset.dev().size(), dataset.rows());
        Scorecard.print(TrainSentimentModel.evaluate(model, dataset.dev(), "sentiment model " + metadata.modelVersion()),
                System.out);
        System.out.println();
        Scorecard.print(TrainSentimentModel.evaluateBaseline(dataset.dev()), System.out);
        System.out.println();

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
