namespace UCE.Service.Knowledge.Seed;

/// <summary>One article of the demo knowledge base, as written: its published text.</summary>
internal sealed record SeedArticle(string Id, KnowledgeCategory Category, KnowledgeAudience Audience, string Title, string Body);
