using Microsoft.EntityFrameworkCore;
using UCE.Service.Data;
using UCE.Subgraphs.Hosting.Errors;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Service.Knowledge;

/// <summary>
/// Writing the knowledge base: drafts (agents and supervisors), publishing and retiring (supervisors, checked by the
/// mutations' rules), and readers' helpfulness ratings. Each refusal leaves the database unchanged.
/// </summary>
public sealed class KnowledgeAuthoring(IDbContextFactory<ServiceDbContext> contexts, TimeProvider clock)
{
    /// <summary>A new article whose first version is a draft by <paramref name="caller"/>.</summary>
    public async Task<KnowledgeArticle> CreateAsync(KnowledgeDraftInput input, CallerIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        var category = input.Category ?? throw Invalid("A new article needs a category.");
        var audience = input.Audience ?? throw Invalid("A new article needs an audience.");
        var title = ValidTitle(input.Title);
        var body = ValidBody(input.Body);
        var now = clock.GetUtcNow().UtcDateTime;
        var author = AuthorOf(caller);
        var article = new KnowledgeArticle { Id = "kb-" + Guid.NewGuid().ToString("N")[..12], CreatedAt = now, CreatedBy = author };
        article.Versions.Add(KnowledgeArticleVersion.Draft(article.Id, 1, category, audience, title, body, author, now));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Add(article);
        await db.SaveChangesAsync(cancellationToken);
        return article;
    }

    /// <summary>A new draft of an existing article: the newest version's content with what <paramref name="input"/> changes.</summary>
    public async Task<KnowledgeArticle> ReviseAsync(string? articleId, KnowledgeDraftInput input, CallerIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var article = await LoadForUpdateAsync(db, articleId, cancellationToken);
        var latest = article.Versions.MaxBy(v => v.Number)!;
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = KnowledgeArticleVersion.Draft(
            article.Id,
            latest.Number + 1,
            input.Category ?? latest.Category,
            input.Audience ?? latest.Audience,
            input.Title is null ? latest.Title : ValidTitle(input.Title),
            input.Body is null ? latest.Body : ValidBody(input.Body),
            AuthorOf(caller),
            now);
        article.Versions.Add(draft);
        db.Add(draft);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return article;
    }

    /// <summary>Publishes draft <paramref name="number"/>; the version published until now is retired in the same transaction.</summary>
    public async Task<KnowledgeArticle> PublishAsync(string articleId, int number, CallerIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var article = await LoadForUpdateAsync(db, articleId, cancellationToken);
        var version = article.Versions.FirstOrDefault(v => v.Number == number)
            ?? throw new DomainError(KnowledgeErrorCodes.VersionNotFound, $"Knowledge article '{article.Id}' has no version {number}.");
        if (version.Status != KnowledgeVersionStatus.Draft)
        {
            throw new DomainError(KnowledgeErrorCodes.VersionNotDraft, $"Version {number} of knowledge article '{article.Id}' is {version.Status.ToString().ToUpperInvariant()}; only a draft can be published.");
        }

        var now = clock.GetUtcNow().UtcDateTime;

        // Two saves: the unique index on the published version holds after each statement, so the old one goes first.
        foreach (var live in article.Versions.Where(v => v.Status == KnowledgeVersionStatus.Published))
        {
            live.Retire(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        version.Publish(AuthorOf(caller), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return article;
    }

    /// <summary>Retires the published version: the article leaves search and readers' view.</summary>
    public async Task<KnowledgeArticle> RetireAsync(string articleId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var article = await LoadForUpdateAsync(db, articleId, cancellationToken);
        var live = article.Versions.FirstOrDefault(v => v.Status == KnowledgeVersionStatus.Published)
            ?? throw new DomainError(KnowledgeErrorCodes.ArticleNotPublished, $"Knowledge article '{article.Id}' has no published version to retire.");
        live.Retire(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return article;
    }

    /// <summary>
    /// Records whether the published version helped <paramref name="caller"/>. A known reader (a customer, a signed-in
    /// subject) has one rating per article, which a new rating replaces; each anonymous rating counts.
    /// </summary>
    public async Task<KnowledgeArticle> RateAsync(string articleId, bool helpful, string? comment, CallerIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        comment = string.IsNullOrWhiteSpace(comment) ? null : KnowledgeText.Clean(comment.Trim());
        if (comment is { Length: > KnowledgeLimits.CommentLength })
        {
            throw Invalid($"A comment is at most {KnowledgeLimits.CommentLength} characters long.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var id = articleId?.Trim() ?? "";
        await LockAsync(db, id, cancellationToken);
        var article = await db.Set<KnowledgeArticle>().Include(a => a.Versions).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        var view = KnowledgeVisibility.Require(caller, article, id);
        if (view.Shown is not { Status: KnowledgeVersionStatus.Published } published)
        {
            throw new DomainError(KnowledgeErrorCodes.ArticleNotPublished, $"Knowledge article '{id}' has no published version to rate.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var rater = caller.Role == CallerRole.Customer && caller.CustomerId is { } customer ? "customer:" + customer
            : caller.Subject is { } subject ? "subject:" + subject
            : null;
        var existing = rater is null
            ? null
            : await db.Set<KnowledgeFeedback>().SingleOrDefaultAsync(f => f.ArticleId == id && f.RaterKey == rater, cancellationToken);
        if (existing is null)
        {
            db.Add(new KnowledgeFeedback { ArticleId = id, VersionNumber = published.Number, Helpful = helpful, Comment = comment, RaterKey = rater, CreatedAt = now });
        }
        else
        {
            existing.VersionNumber = published.Number;
            existing.Helpful = helpful;
            existing.Comment = comment;
            existing.CreatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return article!;
    }

    /// <summary>
    /// Loads the article for a change, in the caller's transaction, after taking its lock: writers of one article (two
    /// supervisors publishing, two agents revising) then run one after the other and each sees what the one before wrote,
    /// instead of both numbering the same version or both publishing.
    /// </summary>
    private static async Task<KnowledgeArticle> LoadForUpdateAsync(ServiceDbContext db, string? articleId, CancellationToken cancellationToken)
    {
        var id = articleId?.Trim() ?? "";
        await LockAsync(db, id, cancellationToken);
        return await db.Set<KnowledgeArticle>().Include(a => a.Versions).SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw KnowledgeVisibility.NotFound(id);
    }

    /// <summary>
    /// An update that changes nothing but locks: the article's row on PostgreSQL (until the transaction ends; the reads after
    /// it see what the transaction before committed), the database's write lock on SQLite.
    /// </summary>
    private static Task<int> LockAsync(ServiceDbContext db, string id, CancellationToken cancellationToken) =>
        db.Set<KnowledgeArticle>().Where(a => a.Id == id).ExecuteUpdateAsync(set => set.SetProperty(a => a.CreatedBy, a => a.CreatedBy), cancellationToken);

    private static string AuthorOf(CallerIdentity caller) => caller.Subject ?? CallerIdentity.NameOf(caller.Role);

    private static string ValidTitle(string? title)
    {
        var clean = KnowledgeText.Clean(title?.Trim() ?? "");
        return clean.Length is > 0 and <= KnowledgeLimits.TitleLength
            ? clean
            : throw Invalid($"A title is 1 to {KnowledgeLimits.TitleLength} characters long.");
    }

    private static string ValidBody(string? body)
    {
        var clean = KnowledgeText.Clean(body?.Trim() ?? "");
        return clean.Length is > 0 and <= KnowledgeLimits.BodyLength
            ? clean
            : throw Invalid($"A body is 1 to {KnowledgeLimits.BodyLength} characters of Markdown.");
    }

    private static DomainError Invalid(string message) => new(KnowledgeErrorCodes.ArticleInvalid, message);
}
