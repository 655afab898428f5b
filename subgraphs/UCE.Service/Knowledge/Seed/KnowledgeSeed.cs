namespace UCE.Service.Knowledge.Seed;

/// <summary>
/// The demo knowledge base, 50 articles: 48 published about billing, payments, outages, the advanced energy products,
/// moving and accounts (40 public, 8 for agents), and two more that show the life of an article: a draft never published
/// (<c>kb-0050</c>) and a retired one (<c>kb-0051</c>); <c>kb-0002</c> has a retired first version and
/// <c>kb-0011</c> a draft revision beside its published version. Dates lie before the demo day.
/// </summary>
internal static partial class KnowledgeSeed
{
    /// <summary>The editors' subject (the knowledge team); the draft of <c>kb-0011</c> is <see cref="DraftAuthor"/>'s.</summary>
    public const string Editor = "knowledge-team";

    public const string DraftAuthor = "agent-knowledge-7";

    /// <summary>New instances of every demo article, dated relative to <paramref name="now"/> (00:00 UTC of the demo day).</summary>
    public static IReadOnlyList<KnowledgeArticle> Create(DateTime now)
    {
        var articles = new List<KnowledgeArticle>();
        var seeds = Billing().Concat(Payments()).Concat(Outages()).Concat(Products()).Concat(MovingAndAccount()).ToList();
        for (var i = 0; i < seeds.Count; i++)
        {
            var seed = seeds[i];
            var written = now.AddDays(-400 + (i * 7));
            var article = new KnowledgeArticle { Id = seed.Id, CreatedAt = written, CreatedBy = Editor };
            if (seed.Id == "kb-0002")
            {
                article.Versions.Add(Version(seed with { Title = "High bills in winter", Body = FirstHighBillVersion }, 1, KnowledgeVersionStatus.Retired, written, Editor));
                article.Versions.Add(Version(seed, 2, KnowledgeVersionStatus.Published, written.AddDays(90), Editor));
            }
            else
            {
                article.Versions.Add(Version(seed, 1, KnowledgeVersionStatus.Published, written, Editor));
            }

            if (seed.Id == "kb-0011")
            {
                article.Versions.Add(Version(seed with { Body = seed.Body + AutopayDraftAddition }, 2, KnowledgeVersionStatus.Draft, now.AddDays(-2), DraftAuthor));
            }

            articles.Add(article);
        }

        var draft = new KnowledgeArticle { Id = "kb-0050", CreatedAt = now.AddDays(-3), CreatedBy = DraftAuthor };
        draft.Versions.Add(Version(WinterProtectionDraft, 1, KnowledgeVersionStatus.Draft, now.AddDays(-3), DraftAuthor));
        articles.Add(draft);

        var retired = new KnowledgeArticle { Id = "kb-0051", CreatedAt = now.AddDays(-700), CreatedBy = Editor };
        retired.Versions.Add(Version(RetiredKioskArticle, 1, KnowledgeVersionStatus.Retired, now.AddDays(-700), Editor));
        articles.Add(retired);
        return articles;
    }

    private static KnowledgeArticleVersion Version(SeedArticle seed, int number, KnowledgeVersionStatus status, DateTime written, string author)
    {
        var version = KnowledgeArticleVersion.Draft(seed.Id, number, seed.Category, seed.Audience, seed.Title, seed.Body, author, written);
        return status switch
        {
            KnowledgeVersionStatus.Published => version.Publish(Editor, written.AddDays(1)),
            KnowledgeVersionStatus.Retired => version.Publish(Editor, written.AddDays(1)).Retire(written.AddDays(90)),
            _ => version,
        };
    }

    private const string FirstHighBillVersion = """
        Winter bills are higher because heating uses more energy. Lower the thermostat by a few degrees at night and when
        you are away, and consider budget billing to spread the cost over the year.
        """;

    private const string AutopayDraftAddition = """


        ## Autopay and payment arrangements
        Instalments of a payment arrangement are included in the amount autopay takes, so nothing changes for you.
        """;

    private static readonly SeedArticle WinterProtectionDraft = new("kb-0050", KnowledgeCategory.Payments, KnowledgeAudience.Public,
        "Winter protection: no disconnection from November to March", """
        From November 1 to March 31, households that enroll in **winter protection** cannot be disconnected for
        non-payment of their heating bills, provided they pay what they can each month. Any unpaid balance is spread over
        the following summer in a payment arrangement.
        """);

    private static readonly SeedArticle RetiredKioskArticle = new("kb-0051", KnowledgeCategory.Payments, KnowledgeAudience.Public,
        "Paying at a payment kiosk", """
        Payment kiosks in our customer offices accept cash, checks and cards. Bring your bill or account number; the kiosk
        prints a receipt, and the payment posts within one hour. (The kiosks were removed when the offices closed.)
        """);
}
