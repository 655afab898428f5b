using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Service.Data;

/// <summary>
/// Deterministic cases for a chunk of the demo key space: three customers in four have one to three cases, of every
/// category, in every status, written through the case's own life cycle so that SLA, handling time and reopen
/// rules hold. Cases point at the other subgraphs' seeded keys: the customer's regulated account, its latest bill,
/// the first outage of its feeder, its first enrollment.
/// </summary>
public static class CaseSeed
{
    /// <summary>The agents the demo cases are assigned to; <c>dev-agent</c> is the development token's agent.</summary>
    public static readonly IReadOnlyList<string> Agents = ["dev-agent", "agent-okafor", "agent-silva", "agent-tanaka"];

    private static readonly (CaseCategory Category, string Subject, string Description)[] Topics =
    [
        (CaseCategory.BillingInquiry, "Question about the late fee", "The customer asks why a late fee appears although the payment left their bank on the due date."),
        (CaseCategory.BillingInquiry, "Estimated read on the bill", "The bill shows an estimated reading; the customer wants an actual read."),
        (CaseCategory.PaymentArrangement, "Cannot pay the full balance", "The customer lost hours at work and asks to spread the overdue balance over several months."),
        (CaseCategory.Outage, "Repeated outages this month", "Power went out three times in two weeks; the customer asks what is being done on the feeder."),
        (CaseCategory.Outage, "Food spoiled during the outage", "The customer asks about compensation for food lost during the last outage."),
        (CaseCategory.HighBill, "Bill twice as high as usual", "The latest bill is about double the usual amount with no change in the household."),
        (CaseCategory.ProductSupport, "Thermostat offline", "The smart thermostat shows offline in the app since the last firmware update."),
        (CaseCategory.ProductSupport, "Installation date", "The customer asks when the technician will install the product they enrolled in."),
        (CaseCategory.Complaint, "Rude call-back", "The customer complains about the tone of the agent who called back about their bill."),
        (CaseCategory.RegulatoryComplaint, "Complaint filed with the commission", "The public utility commission forwarded the customer's complaint about a disconnection notice."),
    ];

    private static readonly (string Text, CaseNoteVisibility Visibility)[] NoteTexts =
    [
        ("Called the customer and explained the charges line by line.", CaseNoteVisibility.CustomerVisible),
        ("Checked the meter history: no fault, consumption matches the season.", CaseNoteVisibility.Internal),
        ("Customer sounded upset; handle with care on the next call.", CaseNoteVisibility.Internal),
        ("We have asked the field team to look at this and will update you within two days.", CaseNoteVisibility.CustomerVisible),
        ("Escalated to the team lead for a goodwill credit decision.", CaseNoteVisibility.Internal),
    ];

    // Mostly satisfied customers, a few very unhappy ones.
    private static readonly int[] SurveyScores = [10, 10, 9, 9, 9, 8, 8, 7, 6, 5, 3, 1];

    private static readonly string[] SurveyComments =
    [
        "Quick and friendly, thank you.",
        "Took too long to get an answer.",
        "The agent explained everything clearly.",
        "I had to call three times.",
    ];

    /// <summary>Builds the rows for <paramref name="graph"/>'s customers as of <see cref="DemoGraph.Now"/>.</summary>
    public static CaseSeedRows Build(DemoGraph graph)
    {
        var rows = new CaseSeedRows();
        var now = graph.Now;
        foreach (var customer in graph.Customers())
        {
            rows.Customers.Add(new CustomerProfile { CustomerId = customer.Id });
            if (customer.Index % 4 == 0)
            {
                continue;
            }

            var random = DemoGraph.RandomFor("service", customer.Index);
            var count = 1 + random.Next(3);
            for (var n = 1; n <= count; n++)
            {
                AddCase(rows, customer, n, random, now, graph.AsOf);
            }
        }

        return rows;
    }

    private static void AddCase(CaseSeedRows rows, DemoCustomer customer, int n, Random random, DateTime now, DateOnly asOf)
    {
        var (category, subject, description) = Topics[random.Next(Topics.Length)];
        var priority = random.Next(5) == 0 ? CasePriority.Urgent - random.Next(2) : CaseServiceLevels.DefaultPriority(category);
        var channel = (CaseChannel)random.Next(Enum.GetValues<CaseChannel>().Length);

        // The first case of a customer is recent (most are still open); later ones are older and mostly settled.
        var openedAt = n == 1
            ? now.AddHours(-random.Next(2, 24 * 4))
            : now.AddDays(-random.Next(5, 90)).AddMinutes(-random.Next(24 * 60));
        var account = customer.Accounts[0];
        var opening = new CaseOpening(
            $"cas-{customer.Index:D6}-{n}",
            customer.Id,
            category,
            priority,
            channel,
            CaseServiceLevels.DefaultQueue(category),
            subject,
            description,
            channel is CaseChannel.Web or CaseChannel.MobileApp ? customer.Id : Agents[random.Next(Agents.Count)],
            AccountId: account.Id,
            BillId: category is CaseCategory.BillingInquiry or CaseCategory.HighBill or CaseCategory.PaymentArrangement
                ? $"bil-{account.Id[4..]}-{LatestBillPeriod(asOf):yyyyMM}"
                : null,
            OutageId: category == CaseCategory.Outage ? $"out-{FeederNumber(customer.Index):D6}-01" : null,
            EnrollmentId: category == CaseCategory.ProductSupport ? $"enr-{customer.Index:D6}-1" : null);
        var @case = Case.Open(opening, openedAt);
        rows.Cases.Add(@case);

        var stage = n == 1 ? random.Next(6) : 3 + random.Next(4);
        var at = openedAt;
        if (stage >= 1)
        {
            at = at.AddMinutes(5 + random.Next(120));
            @case.AssignTo(Agents[random.Next(Agents.Count)], at);
        }

        if (stage >= 2)
        {
            at = at.AddMinutes(5 + random.Next(60));
            @case.MoveTo(CaseStatus.InProgress, at);
        }

        if (stage == 3 || (stage > 3 && random.Next(4) == 0))
        {
            at = at.AddHours(1 + random.Next(12));
            @case.MoveTo(CaseStatus.WaitingOnCustomer, at);
        }

        var hoursLeft = Math.Max(1, (int)(now - at).TotalHours);
        if (stage >= 4)
        {
            // Most are resolved within the SLA, some late.
            var allowance = (int)CaseServiceLevels.Allowance(category, priority).TotalHours;
            at = at.AddHours(random.Next(Math.Max(1, Math.Min(hoursLeft, random.Next(5) == 0 ? allowance * 2 : allowance))));
            @case.Resolve(Resolutions(category)[random.Next(Resolutions(category).Length)], at);
        }

        if (stage >= 5 && (now - at).TotalDays >= 3)
        {
            at = at.AddDays(3);
            @case.MoveTo(CaseStatus.Closed, at);
            if (random.Next(10) < 7)
            {
                rows.Surveys.Add(new CaseSurvey
                {
                    CaseId = @case.Id,
                    CustomerId = @case.CustomerId,
                    Score = SurveyScores[random.Next(SurveyScores.Length)],
                    Comment = random.Next(3) == 0 ? SurveyComments[random.Next(SurveyComments.Length)] : null,
                    SubmittedAt = new DateTime(Math.Min(now.Ticks, at.AddHours(1 + random.Next(40)).Ticks), DateTimeKind.Utc),
                });
            }
        }

        var notes = stage == 0 ? 0 : 1 + random.Next(3);
        for (var k = 1; k <= notes; k++)
        {
            var (text, visibility) = NoteTexts[random.Next(NoteTexts.Length)];
            rows.Notes.Add(new CaseNote
            {
                Id = $"{@case.Id}-note-{k}",
                CaseId = @case.Id,
                CustomerId = @case.CustomerId,
                Body = text,
                Visibility = visibility,
                Author = @case.AssignedAgent,
                CreatedAt = openedAt.AddMinutes(k * (1 + random.Next(Math.Max(1, (int)(at - openedAt).TotalMinutes / notes)))),
            });
        }
    }

    private static CaseResolutionCode[] Resolutions(CaseCategory category) => category switch
    {
        CaseCategory.BillingInquiry => [CaseResolutionCode.Explained, CaseResolutionCode.BillAdjusted],
        CaseCategory.PaymentArrangement => [CaseResolutionCode.PaymentArrangementMade],
        CaseCategory.Outage => [CaseResolutionCode.ServiceRestored, CaseResolutionCode.Explained],
        CaseCategory.HighBill => [CaseResolutionCode.NoFaultFound, CaseResolutionCode.BillAdjusted],
        CaseCategory.ProductSupport => [CaseResolutionCode.ProductFixed, CaseResolutionCode.Refunded],
        CaseCategory.Complaint => [CaseResolutionCode.Explained, CaseResolutionCode.Escalated],
        _ => [CaseResolutionCode.Escalated, CaseResolutionCode.BillAdjusted],
    };

    /// <summary>The period of the latest bill the billing seed issues as of <paramref name="asOf"/> (bills are issued eight days after the month).</summary>
    private static DateOnly LatestBillPeriod(DateOnly asOf)
    {
        var issuedBy = asOf.AddDays(-8);
        return new DateOnly(issuedBy.Year, issuedBy.Month, 1).AddMonths(-1);
    }

    /// <summary>The feeder of a location in the outages seed: ten locations per feeder.</summary>
    private static int FeederNumber(int locationIndex) => ((locationIndex - 1) / 10) + 1;
}

/// <summary>The rows one seed chunk adds.</summary>
public sealed class CaseSeedRows
{
    public List<CustomerProfile> Customers { get; } = [];

    public List<Case> Cases { get; } = [];

    public List<CaseNote> Notes { get; } = [];

    public List<CaseSurvey> Surveys { get; } = [];
}
