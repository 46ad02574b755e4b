package dev.earshot.sentiment.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.earshot.sentiment.scoring.IntentMetadata;
import dev.earshot.sentiment.scoring.ModelMetadata;
import dev.earshot.sentiment.scoring.SentimentModel;
import dev.earshot.sentiment.scoring.IntentDetector;
import dev.earshot.sentiment.scoring.TextNormalizer;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * Trains one binary OpenNLP categorizer per intent ({@code yes}/{@code no}, bag of words and bigrams
 * of {@link TextNormalizer} tokens after {@link IntentDetector#INTERCEPT_TOKEN}, whose weight is the model's
 * intercept) on our own labelled posts ({@code intents/intents.tsv}), holding
 * back the posts whose text hashes (CRC32) to 0 modulo {@value IntentMetadata#HELD_BACK_MODULUS}; then prints and
 * records precision and recall per intent on the held-back part for the rules alone, the models
 * alone and both joined as the service joins them. Writes {@code <out>/intents/<intent>.bin} and
 * {@code <out>/intents-en.json}. Deterministic.
 *
 * <p>Usage: {@code TrainIntentModel <intents.tsv> <output directory>}.
 */
public final class TrainIntentModel {

    static final int ITERATIONS = 200;
    static final int CUTOFF = 1;
    static final double L2 = 0.1;

    private TrainIntentModel() {
    }

    /** One labelled post. */
    record Post(String text, List<String> intents) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TrainIntentModel <intents.tsv> <output directory>");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        Path outputDir = Path.of(args[1]);
        List<Post> train = new ArrayList<>();
        List<Post> heldBack = new ArrayList<>();
        for (Post post : read(data)) {
            (isHeldBack(post.text()) ? heldBack : train).add(post);
        }
        System.out.printf("intent posts: train %d, held back %d%n", train.size(), heldBack.size());

        Map<String, DoccatModel> models = new LinkedHashMap<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String intent : IntentDetector.INTENTS) {
            List<DocumentSample> samples = new ArrayList<>();
            for (Post post : train) {
                samples.add(new DocumentSample(post.intents().contains(intent) ? IntentDetector.YES : IntentDetector.NO,
                        IntentDetector.modelTokens(tokens(post.text()))));
            }
            TrainingParameters parameters = new TrainingParameters();
            parameters.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT_QN");
            parameters.put(TrainingParameters.ITERATIONS_PARAM, ITERATIONS);
            parameters.put(TrainingParameters.CUTOFF_PARAM, CUTOFF);
            parameters.put("L2Cost", L2);
            parameters.put(TrainingParameters.THREADS_PARAM, 1);
            FeatureGenerator[] generators = {new BagOfWordsFeatureGenerator(), new NGramFeatureGenerator()};
            DoccatModel trained = DocumentCategorizerME.train("en", ObjectStreamUtils.createObjectStream(samples),
                    parameters, new DoccatFactory(generators));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            trained.serialize(bytes);
            files.put(intent, bytes.toByteArray());
            models.put(intent, new DoccatModel(new ByteArrayInputStream(bytes.toByteArray())));
        }
        IntentDetector detector = new IntentDetector(models, IntentDetector.DEFAULT_THRESHOLD);

        Map<String, IntentMetadata.Figures> rules = figures(heldBack,
                post -> IntentDetector.byRules(TextNormalizer.normalize(post.text())));
        Map<String, IntentMetadata.Figures> modelsOnly = figures(heldBack, post -> {
            Map<String, Double> probabilities = detector.probabilities(tokens(post.text()));
            return IntentDetector.INTENTS.stream()
                    .filter(intent -> probabilities.get(intent) >= IntentDetector.DEFAULT_THRESHOLD).toList();
        });
        SentimentModel sentiment = sentimentModel(outputDir);
        Map<String, IntentMetadata.Figures> combined = figures(heldBack, post -> joined(detector, sentiment, post));
        print("rules alone", rules, System.out);
        print("models alone", modelsOnly, System.out);
        print("rules and models joined (what the service answers)", combined, System.out);

        Instant trainedAt = ModelFiles.trainedAt();
        Path modelDir = outputDir.resolve("intents");
        Files.createDirectories(modelDir);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(modelDir.resolve(file.getKey() + ".bin"), ModelFiles.stamped(file.getValue(), trainedAt));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Post post : train) {
            post.intents().forEach(intent -> counts.merge(intent, 1, Integer::sum));
        }
        IntentMetadata metadata = new IntentMetadata(
                TrainSentimentModel.version("intents-en", trainedAt),
                data.getFileName().toString(), sha256(data), train.size(), heldBack.size(),
                IntentMetadata.HELD_BACK_SPLIT, counts,
                "one binary MAXENT_QN categorizer per intent, " + ITERATIONS + " iterations, cutoff " + CUTOFF
                        + ", L2 " + L2 + ", bag of words and bigrams of the tokens after " + IntentDetector.INTERCEPT_TOKEN
                        + " (the intercept); threshold " + IntentDetector.DEFAULT_THRESHOLD
                        + "; joined with keyword rules for " + IntentDetector.byRulesIntents()
                        + "; a model's complaint counts on negative posts or problem reports, its praise on positive"
                        + " posts, its spam on posts neither negative nor complaining",
                IntentDetector.DEFAULT_THRESHOLD, rules, modelsOnly, combined);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(outputDir.resolve("intents-en.json").toFile(), metadata);
        System.out.printf("intent models written to %s%n", modelDir);
    }

    /** What the service answers: rules and models, the models' complaint and praise checked against the sentiment. */
    static List<String> joined(IntentDetector detector, SentimentModel sentiment, Post post) {
        String normalized = TextNormalizer.normalize(post.text());
        String[] tokens = TextNormalizer.tokens(normalized);
        return detector.detect(normalized, tokens, true, sentiment.score(tokens, false).label());
    }

    /** The sentiment model beside the intent models (train-model.sh trains it first). */
    static SentimentModel sentimentModel(Path directory) throws IOException {
        ModelMetadata metadata = new ObjectMapper().readValue(directory.resolve("sentiment-en.json").toFile(),
                ModelMetadata.class);
        try (InputStream in = Files.newInputStream(directory.resolve("sentiment-en.bin"))) {
            return SentimentModel.load(in, metadata);
        }
    }

    static List<Post> read(Path data) throws IOException {
        List<Post> posts = new ArrayList<>();
        for (String line : Files.readAllLines(data, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t", 2);
            if (columns.length < 2) {
                throw new IOException("not <intents> TAB <text>: " + line);
            }
            List<String> intents = "none".equals(columns[0]) ? List.of() : Arrays.asList(columns[0].split(","));
            for (String intent : intents) {
                if (!IntentDetector.INTENTS.contains(intent)) {
                    throw new IOException("unknown intent " + intent + " in: " + line);
                }
            }
            posts.add(new Post(columns[1].strip(), intents));
        }
        return posts;
    }

    static boolean isHeldBack(String text) {
        return IntentMetadata.isHeldBack(text);
    }

    static String[] tokens(String text) {
        String[] tokens = TextNormalizer.normalizeAndTokenize(text);
        return tokens.length == 0 ? new String[] {"xxempty"} : tokens;
    }

    static Map<String, IntentMetadata.Figures> figures(List<Post> posts, Function<Post, List<String>> predict) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        IntentDetector.INTENTS.forEach(intent -> counts.put(intent, new int[3]));
        for (Post post : posts) {
            List<String> predicted = predict.apply(post);
            for (String intent : IntentDetector.INTENTS) {
                boolean gold = post.intents().contains(intent);
                boolean guess = predicted.contains(intent);
                int[] c = counts.get(intent);
                if (gold && guess) {
                    c[0]++;
                } else if (guess) {
                    c[1]++;
                } else if (gold) {
                    c[2]++;
                }
            }
        }
        Map<String, IntentMetadata.Figures> figures = new LinkedHashMap<>();
        counts.forEach((intent, c) -> {
            double precision = c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
            double recall = c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
            figures.put(intent, new IntentMetadata.Figures(Scorecard.round(precision), Scorecard.round(recall),
                    c[0] + c[2]));
        });
        return figures;
    }

    static void print(String title, Map<String, IntentMetadata.Figures> figures, PrintStream out) {
        out.printf("intents on the held-back part, %s%n", title);
        double precisionSum = 0;
        double recallSum = 0;
        for (Map.Entry<String, IntentMetadata.Figures> entry : figures.entrySet()) {
            IntentMetadata.Figures f = entry.getValue();
            out.printf("  %-17s precision %.3f  recall %.3f  support %d%n", entry.getKey(), f.precision(), f.recall(),
                    f.support());
            precisionSum += f.precision();
            recallSum += f.recall();
        }
        out.printf("  %-17s precision %.3f  recall %.3f%n", "macro average", precisionSum / figures.size(),
                recallSum / figures.size());
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
