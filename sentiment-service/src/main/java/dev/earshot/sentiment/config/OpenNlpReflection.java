package dev.earshot.sentiment.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native image: loading {@code sentiment-en.bin} makes OpenNLP instantiate classes named in the
 * model's manifest by reflection ({@code ExtensionLoader}): the tool factory and the document
 * feature generators. Quarkus cannot see these uses, so they are registered here.
 */
@RegisterForReflection(targets = {
        opennlp.tools.doccat.DoccatFactory.class,
        opennlp.tools.doccat.BagOfWordsFeatureGenerator.class,
        opennlp.tools.doccat.NGramFeatureGenerator.class,
        opennlp.tools.ml.maxent.GISModel.class,
        opennlp.tools.ml.maxent.io.BinaryGISModelReader.class })
public final class OpenNlpReflection {

    private OpenNlpReflection() {
    }
}
