package dev.earshot.listener.source.rss;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Rome finds its parsers, module parsers and converters by class name in {@code com/rometools/rome/rome.properties}
 * and instantiates them reflectively; a native image must know them (the properties file itself is included
 * through {@code quarkus.native.resources.includes}).
 *
 * <p>Converting a feed to {@code SyndFeed} also clones every module the parser found (Dublin Core in
 * most WordPress and Google Alerts feeds, Syndication) with Rome's {@code CloneableBean}: a reflective
 * no-argument constructor, the public getters and setters, and the public {@code clone()} of each value
 * that is not a String or a boxed primitive (DC subjects, dates). Unregistered, such a feed would fail
 * to convert in a native image.
 */
@RegisterForReflection(targets = {
        com.rometools.rome.io.impl.RSS090Parser.class,
        com.rometools.rome.io.impl.RSS091NetscapeParser.class,
        com.rometools.rome.io.impl.RSS091UserlandParser.class,
        com.rometools.rome.io.impl.RSS092Parser.class,
        com.rometools.rome.io.impl.RSS093Parser.class,
        com.rometools.rome.io.impl.RSS094Parser.class,
        com.rometools.rome.io.impl.RSS10Parser.class,
        com.rometools.rome.io.impl.RSS20wNSParser.class,
        com.rometools.rome.io.impl.RSS20Parser.class,
        com.rometools.rome.io.impl.Atom10Parser.class,
        com.rometools.rome.io.impl.Atom03Parser.class,
        com.rometools.rome.io.impl.SyModuleParser.class,
        com.rometools.rome.io.impl.DCModuleParser.class,
        com.rometools.rome.feed.synd.impl.ConverterForAtom10.class,
        com.rometools.rome.feed.synd.impl.ConverterForAtom03.class,
        com.rometools.rome.feed.synd.impl.ConverterForRSS090.class,
        com.rometools.rome.feed.synd.impl.ConverterForRSS091Netscape.class,
        com.rometools.rome.feed.synd.impl.ConverterForRSS091Userland.class,
        com.rometools.rome.feed.synd.impl.ConverterForRSS092.class,
        com.rometools.rome.feed.synd.impl.ConverterForRSS093.class,
        com.rometools.rome.feed.synd.impl.ConverterForRSS094.class,
        com.rometools.rome.feed.synd.impl.ConverterForRSS10.class,
        com.rometools.rome.feed.synd.impl.ConverterForRSS20.class,
        com.rometools.rome.feed.module.DCModuleImpl.class,
        com.rometools.rome.feed.module.DCSubjectImpl.class,
        com.rometools.rome.feed.module.SyModuleImpl.class,
        java.util.Date.class })
final class RomeReflection {

    private RomeReflection() {
    }
}
