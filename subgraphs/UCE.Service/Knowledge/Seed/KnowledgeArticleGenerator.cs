using System.Text;

namespace UCE.Service.Knowledge.Seed;

/// <summary>
/// Many published articles for load and benchmark runs (<c>--knowledge-articles N</c>), the same for the same arguments:
/// titles and bodies drawn from each category's terms, everyday words and a long tail of made-up words (Zipf-distributed,
/// as words are in real text), so that common words match thousands of articles and rare ones a handful.
/// </summary>
public static class KnowledgeArticleGenerator
{
    private static readonly Dictionary<KnowledgeCategory, string[]> Terms = new()
    {
        [KnowledgeCategory.Billing] = Split("bill billing charge rate tariff estimate reading meter statement period kilowatt usage invoice balance credit adjustment peak off-peak seasonal budget dispute fee rider tax delivery supply demand"),
        [KnowledgeCategory.Payments] = Split("payment pay autopay arrangement instalment installment deposit refund card bank check late overdue assistance hardship grant returned confirmation receipt balance due schedule plan"),
        [KnowledgeCategory.Outages] = Split("outage power restoration crew storm transformer line feeder breaker flicker hazard safety generator alert estimate report map pole wire substation lightning tree repair"),
        [KnowledgeCategory.Products] = Split("charger vehicle thermostat solar panel battery warranty lease installation inverter backup rewards plan enrollment technician permit inspection wifi app pairing schedule"),
        [KnowledgeCategory.Moving] = Split("move moving start stop transfer address service date final reading landlord tenant closing forwarding new old apartment house keys connection disconnect"),
        [KnowledgeCategory.Account] = Split("account profile contact email phone password identity verification authorized person preferences paperless notification language mailing owner household security"),
    };

    private static readonly string[] Everyday = Split(
        "customer home time day month year week hour minute number amount change request help question answer step option " +
        "information message online portal mobile phone call agent office letter notice record detail reason problem issue " +
        "system energy electricity gas water heating cooling weather winter summer family business property building room " +
        "check update review confirm cancel apply send receive choose select open close keep find show need want use make " +
        "take give get see know start finish follow contact visit wait schedule plan program discount savings cost price " +
        "total monthly yearly daily quick easy safe secure current previous next first last new standard special extra");

    private static readonly string[] Connectors = Split("the a your our this each every any when if after before during while with for from to of and or about");

    private static readonly string[] Syllables = Split("ka lo mi ra ten vor sel dun pra qui mar bel tos fen gri hal jor nix ple sto var wen zel cor dra fin lum");

    /// <summary><paramref name="count"/> published articles, ids <c>kbg-000001</c>… from <paramref name="firstIndex"/>, written before <paramref name="now"/>.</summary>
    public static IEnumerable<KnowledgeArticle> Generate(int count, DateTime now, int firstIndex = 1, int seed = 20261201)
    {
        var random = new Random(seed);
        var tail = Enumerable.Range(0, 4_000).Select(i => MadeUpWord(i)).ToArray();
        var categories = Enum.GetValues<KnowledgeCategory>();
        for (var n = 0; n < firstIndex - 1 + count; n++)
        {
            var category = categories[random.Next(categories.Length)];
            var audience = random.Next(5) == 0 ? KnowledgeAudience.AgentOnly : KnowledgeAudience.Public;
            var title = Title(random, category, tail);
            var body = Body(random, category, tail);
            if (n < firstIndex - 1)
            {
                continue;
            }

            var id = $"kbg-{n + 1:D6}";
            var written = now.AddMinutes(-(n % 500_000) - 60);
            var article = new KnowledgeArticle { Id = id, CreatedAt = written, CreatedBy = KnowledgeSeed.Editor };
            article.Versions.Add(KnowledgeArticleVersion.Draft(id, 1, category, audience, title, body, KnowledgeSeed.Editor, written)
                .Publish(KnowledgeSeed.Editor, written));
            yield return article;
        }
    }

    private static string Title(Random random, KnowledgeCategory category, string[] tail)
    {
        var terms = Terms[category];
        var words = new List<string> { Capitalize(Pick(random, Everyday)), Pick(random, Connectors), Zipf(random, terms) };
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            words.Add(random.Next(4) == 0 ? Zipf(random, tail) : Zipf(random, terms));
        }

        return string.Join(' ', words);
    }

    private static string Body(Random random, KnowledgeCategory category, string[] tail)
    {
        var terms = Terms[category];
        var body = new StringBuilder();
        for (var paragraph = random.Next(2, 5); paragraph > 0; paragraph--)
        {
            if (random.Next(3) == 0)
            {
                body.Append("## ").Append(Capitalize(Zipf(random, terms))).Append(' ').Append(Zipf(random, Everyday)).Append("\n\n");
            }

            for (var sentence = random.Next(2, 5); sentence > 0; sentence--)
            {
                var words = new List<string>();
                for (var w = random.Next(8, 18); w > 0; w--)
                {
                    var roll = random.Next(10);
                    words.Add(roll switch
                    {
                        < 3 => Pick(random, Connectors),
                        < 6 => Zipf(random, Everyday),
                        < 9 => Zipf(random, terms),
                        _ => Zipf(random, tail),
                    });
                }

                words[0] = Capitalize(words[0]);
                body.Append(string.Join(' ', words)).Append(". ");
            }

            body.Append("\n\n");
        }

        return body.ToString().TrimEnd();
    }

    // Rank r is drawn with probability about 1/r: the first words of a list are common, the last rare.
    private static string Zipf(Random random, string[] words)
    {
        var harmonic = Math.Log(words.Length) + 0.5772;
        var rank = (int)Math.Exp(random.NextDouble() * harmonic);
        return words[Math.Clamp(rank - 1, 0, words.Length - 1)];
    }

    private static string Pick(Random random, string[] words) => words[random.Next(words.Length)];

    private static string MadeUpWord(int index)
    {
        var word = new StringBuilder();
        var value = index + Syllables.Length;
        while (value > 0)
        {
            word.Append(Syllables[value % Syllables.Length]);
            value /= Syllables.Length;
        }

        return word.ToString();
    }

    private static string Capitalize(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    private static string[] Split(string words) => words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
