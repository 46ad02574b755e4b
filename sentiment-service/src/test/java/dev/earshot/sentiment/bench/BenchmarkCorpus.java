package dev.earshot.sentiment.bench;

import java.util.List;

/** Posts as they arrive: short and long, polite and angry, links and handles, emoji, a few other languages. */
final class BenchmarkCorpus {

    static final int SIZE = 40;

    static final List<String> POSTS = List.of(
            "lol ok",
            "is acme down for anyone else?",
            "@AcmeSupport my order #5521 still hasn't shipped, any update?",
            "I love the new Acme dashboard, so much cleaner 😍",
            "Acme Cloud has been down for an hour &amp; nobody answers. Third outage this week!!!",
            "Thank you Acme, the new release is fantastic :)",
            "Why did my Acme bill jump from $12 to $29 without any notice? I want a refund",
            "Someone logged into my acme account from another country and changed my email. Please help!",
            "Done with Acme. Switching to a competitor tomorrow, cancelling my subscription today",
            "I'm talking to my lawyer about this charge, expect to hear from us",
            "Get 10,000 followers in 24 hours!! Cheap and safe, DM now, link in bio",
            "The Acme keynote starts at 10am PT https://acme.example/live #AcmeConf",
            "sooooo slowww today... is it just me?",
            "Acme customer service is the WORST I've ever dealt with. Waited 2 hours on hold.",
            "Der Dienst ist seit heute Morgen ausgefallen und niemand antwortet auf meine Nachrichten",
            "Le service client ne répond jamais, c'est vraiment inacceptable",
            "Just installed acme on my new laptop, let's see how it goes",
            "not great, not terrible. the app works but the new layout takes some getting used to",
            "Shoutout to Maria from @acme support, absolute legend 🙌🙌",
            "can someone help me set up acme webhooks? the docs are confusing and the example 401s",
            "Our whole team is locked out, Acme SSO returns error 500 since the deploy. This is costing us money.",
            "acme's api docs are excellent, wish every company wrote docs like this",
            "Heads up: Acme storage in us-east seems to be down, our builds are failing #devops",
            "@acme u guys rock",
            "Reading the acme engineering blog post about their database migration, interesting approach to"
                    + " online schema changes and how they kept the old and the new tables in sync for a week",
            "The Acme app crashes every time I open the camera tab on Android 14. Reinstalled twice, cleared"
                    + " the cache, still the same. Support told me to wait for the next release but it has been"
                    + " three weeks and nothing changed. I rely on this for work and I'm seriously considering"
                    + " moving to something else if this isn't fixed soon.",
            "Been using Acme for five years and it just keeps getting better. The new sync is fast, the"
                    + " offline mode finally works on planes, and support answered my one question within"
                    + " minutes. Great work team, keep it up!",
            "Earn $500 a day from home!!! click here 👉 http://bit.example/xyz",
            "meh",
            "Acme Pay is not loading at all in Europe, gateway timeout on every checkout &#128545;",
            "How do I export my Acme notes as markdown?",
            "Waiting for the acme x3 reveal tomorrow, can't wait!!",
            "Charged twice for order 44120. Please reverse one of them.",
            "acme refunded me without a single question. impressed, honestly",
            "ugh why does every acme update make the battery drain faster",
            "La aplicación no funciona desde ayer y nadie responde",
            "My acme wallet was emptied overnight, I did not authorize these transfers!!! HELP",
            "Fantastic customer service from acme today, thank you!",
            "acme stock is up 3% after earnings",
            "If the acme api goes down again during our launch we are switching providers, period.");

    private BenchmarkCorpus() {
    }
}
