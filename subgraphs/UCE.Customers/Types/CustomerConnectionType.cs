using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Customers.Types;

/// <summary>A page of customers with cursors (Relay connection shape).</summary>
public sealed class CustomerConnectionType : ObjectGraphType<CustomerConnection>
{
    /// <summary>The largest <c>totalCount(atMost:)</c>.</summary>
    public const int MaxCountLimit = 10_000;

    public CustomerConnectionType()
    {
        Name = "CustomerConnection";
        Description = "A page of customers.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CustomerEdgeType>>>>("edges").ResolveAsync(async context => (await context.Source.Page).Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CustomerType>>>>("nodes")
            .Description("The customers of the page, without cursors.")
            .ResolveAsync(async context => (await context.Source.Page).Edges.Select(edge => edge.Node).ToList());
        Field<NonNullGraphType<PageInfoType>>("pageInfo").ResolveAsync(async context => (await context.Source.Page).PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("How many customers match the search, over all pages. With 'atMost', counting stops there: a result equal to it means that many or more (show \"100+\"), and a broad search (a common last name among millions) is not counted to its end.")
            .Argument<IntGraphType>("atMost", $"Count no further than this (1–{MaxCountLimit}); without it, every match is counted.")
            .ResolveAsync(async context =>
            {
                var atMost = context.GetArgument<int?>("atMost");
                if (atMost is < 1 or > MaxCountLimit)
                {
                    throw new DomainError(ErrorCodes.BadUserInput, $"'atMost' must be between 1 and {MaxCountLimit}.");
                }

                await using var db = await context.Service<IDbContextFactory<CustomersDbContext>>().CreateDbContextAsync(context.CancellationToken);
                return await CustomerSearch.CountAsync(db, context.Source.Search, atMost, context.CancellationToken);
            });
    }
}

/// <summary>An edge of <see cref="CustomerConnectionType"/>.</summary>
public sealed class CustomerEdgeType : ObjectGraphType<CustomerEdge>
{
    public CustomerEdgeType()
    {
        Name = "CustomerEdge";
        Field(edge => edge.Cursor).Description("Pass as 'after' to get the customers after this one.");
        Field<NonNullGraphType<CustomerType>>("node").Resolve(context => context.Source.Node);
    }
}

/// <summary>Paging information of a connection.</summary>
public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field(page => page.HasNextPage);
        Field(page => page.HasPreviousPage);
        Field(page => page.StartCursor, nullable: true);
        Field(page => page.EndCursor, nullable: true);
    }
}
