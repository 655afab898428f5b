using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using UCE.Communications.Data;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;

namespace UCE.Communications.Types;

/// <summary>The communications subgraph's root query fields.</summary>
public sealed class CommunicationsQuery : ObjectGraphType
{
    public CommunicationsQuery()
    {
        Name = "Query";

        Field<ListGraphType<NonNullGraphType<MessageTemplateType>>>("messageTemplates")
            .Description("The message templates, optionally of one topic, by id.")
            .Argument<CommunicationTopicType>("topic")
            .Authorize(Access.Staff.Or(Access.Service(AccessScopes.NotificationsSend)))
            .ResolveAsync(async context =>
            {
                var topic = context.GetArgument<Topic?>("topic");
                await using var db = await context.Service<IDbContextFactory<CommunicationsDbContext>>().CreateDbContextAsync(context.CancellationToken);
                var query = db.Templates.AsNoTracking();
                if (topic is { } wanted)
                {
                    query = query.Where(t => t.Topic == wanted);
                }

                var templates = await query.ToListAsync(context.CancellationToken);
                return templates.OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
            });
    }
}
