package dev.earshot.sentiment.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native image: loading the models makes OpenNLP instantiate classes named in each model's manifest
 * by reflection ({@code ExtensionLoader}, {@code BaseToolFactory.create}): the tool factories, the
 * intent models' feature generators and the language detector's factory. Quarkus cannot see these
 * uses, so they are registered here. (The sentiment model's own feature generator is created by
 * {@code SentimentModel} directly.)
 */
@RegisterForReflection(targets = {
        opennlp.tools.doccat.DoccatFactory.class,
        opennlp.tools.doccat.BagOfWordsFeatureGenerator.class,
        opennlp.tools.doccat.NGramFeatureGenerator.class,
        opennlp.tools.langdetect.LanguageDetectorFactory.class,
        opennlp.tools.langdetect.DefaultLanguageDetectorContextGenerator.class,
        opennlp.tools.ml.maxent.GISModel.class,
        opennlp.tools.ml.maxent.io.BinaryGISModelReader.class,
        opennlp.tools.ml.maxent.quasinewton.QNModel.class,
        opennlp.tools.ml.maxent.io.BinaryQNModelReader.class,
        opennlp.tools.ml.naivebayes.NaiveBayesModel.class })
public final class OpenNlpReflection {

    private OpenNlpReflection() {
    }
}
