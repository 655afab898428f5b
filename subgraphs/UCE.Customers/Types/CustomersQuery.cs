using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using UCE.Customers.Data;
using UCE.Customers.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.AccessLog;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Customers.Types;

/// <summary>The customers subgraph's root queries.</summary>
public sealed class CustomersQuery : ObjectGraphType
{
    /// <summary>The page size when <c>first</c> is omitted.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>The largest page.</summary>
    public const int MaxPageSize = 100;

    /// <summary>The access log entries returned when <c>first</c> is omitted.</summary>
    public const int DefaultAccessLogEntries = 100;

    /// <summary>The most access log entries one request returns.</summary>
    public const int MaxAccessLogEntries = 1000;

    public CustomersQuery()
    {
        Name = "Query";
        Field<CustomerType>("customer")
            .Description("A customer by id; null when there is none.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Authorize(Access.CustomerArgument(context => context.GetArgument<string>("id")))
            .Resolve(context => context.Service<CustomerByIdLoader>().LoadAsync(context.GetArgument<string>("id")));
        Field<CustomerConnectionType>("customers")
            .Description("Customers by id, optionally filtered by a search on name, e-mail or id, a page at a time; for agents and supervisors.")
            .Authorize(Access.Staff)
            .Argument<StringGraphType>("search", "A customer id (cus-…), premise (prm-…) or meter (mtr-…) id, an account number (ten digits), a phone number, or at least three characters of the name or e-mail (case-insensitive).")
            .Argument<IntGraphType>("first", $"Page size, 1–{MaxPageSize} (default {DefaultPageSize}).")
            .Argument<StringGraphType>("after", "The cursor of the last customer of the previous page.")
            .Resolve(context => CustomersPage(
                context,
                context.GetArgument<string?>("search"),
                context.GetArgument("first", DefaultPageSize),
                context.GetArgument<string?>("after")));
        Field<AccountType>("account")
            .Description("An account by its number; null when there is none.")
            .Argument<NonNullGraphType<StringGraphType>>("number")
            .Authorize(Access.CustomersAndStaff)
            .Resolve(context => context.Service<AccountByNumberLoader>().LoadAsync(context.GetArgument<string>("number")));
        Field<ListGraphType<NonNullGraphType<AgentAccessEntryType>>>("agentAccessLog")
            .Description("What agents and supervisors read and did with one customer's data in every subgraph, oldest first; for supervisors.")
            .Argument<NonNullGraphType<IdGraphType>>("customerId")
            .Argument<NonNullGraphType<DateTimeGraphType>>("from", "Start of the range (inclusive); without an offset it is UTC.")
            .Argument<NonNullGraphType<DateTimeGraphType>>("to", "End of the range (exclusive).")
            .Argument<IntGraphType>("first", $"At most this many entries, 1–{MaxAccessLogEntries} (default {DefaultAccessLogEntries}).")
            .Authorize(Access.Supervisors.About(context => context.GetArgument<string>("customerId")))
            .ResolveAsync(async context =>
            {
                var from = AsUtc(context.GetArgument<DateTime>("from"));
                var to = AsUtc(context.GetArgument<DateTime>("to"));
                var first = context.GetArgument("first", DefaultAccessLogEntries);
                if (first is < 1 or > MaxAccessLogEntries)
                {
                    throw new DomainError(ErrorCodes.BadUserInput, $"'first' must be between 1 and {MaxAccessLogEntries}.");
                }

                if (from >= to)
                {
                    throw new DomainError(ErrorCodes.BadUserInput, "'from' must be before 'to'.");
                }

                return await context.Service<AgentAccessLogStore>().ReadAsync(context.GetArgument<string>("customerId"), from, to, first, context.CancellationToken);
            });
    }

    private static DateTime AsUtc(DateTime value) =>
        value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();

    /// <summary>
    /// Checks the arguments (a bad one is an error of <c>customers</c> itself) and returns the connection, whose page is
    /// read when a field of it first asks (see <see cref="CustomerConnection"/>).
    /// </summary>
    private static CustomerConnection CustomersPage(IResolveFieldContext context, string? search, int first, string? after)
    {
        if (first is < 1 or > MaxPageSize)
        {
            throw new DomainError(ErrorCodes.BadUserInput, $"'first' must be between 1 and {MaxPageSize}.");
        }

        if (search is { Length: > CustomerSearch.MaxLength })
        {
            throw new DomainError(ErrorCodes.BadUserInput, $"'search' must be at most {CustomerSearch.MaxLength} characters.");
        }

        CustomerSearch.Validate(search);
        string? afterId = null;
        if (after is not null && !CustomerCursor.TryDecode(after, out afterId))
        {
            throw new DomainError(ErrorCodes.BadUserInput, "'after' is not a cursor this API returned.");
        }

        var contexts = context.Service<IDbContextFactory<CustomersDbContext>>();
        var cancellationToken = context.CancellationToken;
        return new CustomerConnection(
            async () =>
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var query = CustomerSearch.Apply(db, search);
                if (afterId is not null)
                {
                    query = query.Where(customer => string.Compare(customer.Id, afterId) > 0);
                }

                // One row more than the page tells whether another page follows without a second query.
                var rows = await query.OrderBy(customer => customer.Id).Take(first + 1).ToListAsync(cancellationToken);
                var page = rows.Take(first).Select(customer => new CustomerEdge(CustomerCursor.Encode(customer.Id), customer)).ToList();
                var pageInfo = new PageInfo(
                    HasNextPage: rows.Count > first,
                    HasPreviousPage: afterId is not null,
                    StartCursor: page.Count > 0 ? page[0].Cursor : null,
                    EndCursor: page.Count > 0 ? page[^1].Cursor : null);
                return new CustomerPage(page, pageInfo);
            },
            search);
    }
}
