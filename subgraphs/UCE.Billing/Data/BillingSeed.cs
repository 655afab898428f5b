using UCE.Subgraphs.Hosting.Demo;

namespace UCE.Billing.Data;

/// <summary>
/// Generates a year of monthly bills, their lines and the payments made against them for the
/// accounts of a <see cref="DemoGraph"/>, deterministically per customer and <see cref="DemoGraph.AsOf"/> day.
/// A bill is issued on the 8th of the month after its period and due 21 days later.
/// </summary>
public static class BillingSeed
{
    /// <summary>Number of monthly bills per account.</summary>
    public const int BillsPerAccount = 12;

    /// <summary>
    /// The period of the latest bill issued before <paramref name="asOf"/>: last month's once the 8th has passed,
    /// else the month before (as of 28 November that is October, issued on 8 November and due on the 29th).
    /// </summary>
    public static DateOnly LatestPeriod(DateOnly asOf)
    {
        var issuedBy = asOf.AddDays(-8);
        return new DateOnly(issuedBy.Year, issuedBy.Month, 1).AddMonths(-1);
    }

    private static readonly PaymentMethod[] ManualMethods = [PaymentMethod.Card, PaymentMethod.Bank, PaymentMethod.Wallet, PaymentMethod.Cash];

    /// <summary>Builds every row for the customers of <paramref name="graph"/> without touching a database.</summary>
    public static BillingSeedRows Generate(DemoGraph graph)
    {
        var rows = new BillingSeedRows();
        foreach (var customer in graph.Customers())
        {
            var random = DemoGraph.RandomFor("billing", customer.Index);
            foreach (var account in customer.Accounts)
            {
                AddAccount(rows, graph, customer, account, random);
            }
        }

        return rows;
    }

    private static void AddAccount(BillingSeedRows rows, DemoGraph graph, DemoCustomer customer, DemoAccount account, Random random)
    {
        var autopay = random.NextDouble() < 0.35;
        var billingAccount = new BillingAccount
        {
            Id = account.Id,
            Number = account.Number,
            CustomerId = customer.Id,
            Currency = "USD",
            AutopayEnabled = autopay,
            AutopayMethod = autopay ? (random.Next(2) == 0 ? PaymentMethod.Card : PaymentMethod.Bank) : null,
            AutopayDayOfMonth = autopay ? random.Next(1, 29) : null,
            BalanceUpdatedAt = graph.Now,
        };
        rows.Accounts.Add(billingAccount);

        // Latest bill: some unpaid, some partly paid; the one before it overdue for a few accounts.
        var latestOutcome = random.NextDouble();
        var previousOverdue = random.NextDouble() < 0.12;
        var firstPeriod = LatestPeriod(graph.AsOf).AddMonths(1 - BillsPerAccount);
        var usageScale = (customer.Commercial ? 6.0 : 1.0) * (0.7 + (random.NextDouble() * 0.8));
        var product = random.Next(3);
        long balance = 0;

        for (var month = 0; month < BillsPerAccount; month++)
        {
            var periodStart = firstPeriod.AddMonths(month);
            var bill = NewBill(account, periodStart, usageScale, product, random);
            rows.Bills.Add(bill);
            rows.LineItems.AddRange(bill.LineItems);
            bill.LineItems = [];

            var isLatest = month == BillsPerAccount - 1;
            var isPrevious = month == BillsPerAccount - 2;
            long paid;
            if (isLatest)
            {
                paid = latestOutcome switch
                {
                    < 0.40 => 0,
                    < 0.65 => bill.AmountMinor / 2,
                    _ => bill.AmountMinor,
                };
            }
            else if (isPrevious && previousOverdue)
            {
                paid = 0;
            }
            else
            {
                paid = bill.AmountMinor;
            }

            var method = PaymentMethod.Card;
            var at = bill.IssuedAt;
            if (paid > 0)
            {
                method = billingAccount.AutopayEnabled ? billingAccount.AutopayMethod!.Value : ManualMethods[random.Next(ManualMethods.Length)];
                at = bill.IssuedAt.AddDays(random.Next(1, 18)).AddMinutes(random.Next(0, 12 * 60));
                if (at >= graph.Now)
                {
                    // The latest bill was issued only days ago: its payment has not happened yet.
                    paid = 0;
                }
            }

            if (paid > 0)
            {
                var paymentId = $"pay-{AccountSuffix(account.Id)}-{periodStart:yyyyMM}";
                rows.Payments.Add(new Payment
                {
                    Id = paymentId,
                    AccountId = account.Id,
                    AmountMinor = paid,
                    Method = method,
                    At = at,
                    Status = PaymentStatus.Posted,
                    IdempotencyKey = $"seed-{paymentId}",
                });
                bill.ApplyPayment(paid);
            }
            else
            {
                bill.Status = bill.DueDate < graph.AsOf ? BillStatus.Overdue : BillStatus.Issued;
            }

            balance += bill.DueMinor;
        }

        billingAccount.BalanceMinor = balance;
    }

    private static Bill NewBill(DemoAccount account, DateOnly periodStart, double usageScale, int product, Random random)
    {
        var periodEnd = periodStart.AddMonths(1).AddDays(-1);
        var issued = periodStart.AddMonths(1).AddDays(7);
        var bill = new Bill
        {
            Id = $"bil-{AccountSuffix(account.Id)}-{periodStart:yyyyMM}",
            AccountId = account.Id,
            PeriodStart = periodStart,
            PeriodEnd = periodEnd,
            IssuedAt = issued.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc),
            DueDate = issued.AddDays(21),
            Status = BillStatus.Issued,
        };

        var lines = account.Kind == AccountKind.Regulated
            ? RegulatedLines(periodStart, usageScale, random)
            : ProductLines(product);
        var position = 0;
        foreach (var (description, kind, amount) in lines)
        {
            bill.LineItems.Add(new BillLineItem { BillId = bill.Id, Position = ++position, Description = description, Kind = kind, AmountMinor = amount });
        }

        bill.AmountMinor = bill.LineItems.Sum(l => l.AmountMinor);
        return bill;
    }

    private static List<(string, LineItemKind, long)> RegulatedLines(DateOnly periodStart, double usageScale, Random random)
    {
        // Summer and winter months use more energy.
        var seasonal = periodStart.Month switch
        {
            6 or 7 or 8 => 1.45,
            12 or 1 or 2 => 1.25,
            _ => 1.0,
        };
        var kwh = (long)Math.Round(700 * usageScale * seasonal * (0.9 + (random.NextDouble() * 0.2)));
        var energy = kwh * 11;
        var delivery = kwh * 4;
        var customerCharge = 1_050L;
        var tax = (long)Math.Round((energy + delivery + customerCharge) * 0.06);
        return
        [
            ($"Energy charge ({kwh} kWh)", LineItemKind.Energy, energy),
            ("Delivery charge", LineItemKind.Delivery, delivery),
            ("Customer charge", LineItemKind.CustomerCharge, customerCharge),
            ("Sales tax 6%", LineItemKind.Tax, tax),
        ];
    }

    private static List<(string, LineItemKind, long)> ProductLines(int product)
    {
        var (name, price) = product switch
        {
            0 => ("Home warranty plan", 1_999L),
            1 => ("Smart thermostat lease", 899L),
            _ => ("EV charger service plan", 2_499L),
        };
        return
        [
            (name, LineItemKind.Product, price),
            ("Sales tax 6%", LineItemKind.Tax, (long)Math.Round(price * 0.06)),
        ];
    }

    private static string AccountSuffix(string accountId) =>
        accountId.StartsWith("acc-", StringComparison.Ordinal) ? accountId[4..] : accountId;
}

/// <summary>The rows one seed chunk inserts.</summary>
public sealed class BillingSeedRows
{
    public List<BillingAccount> Accounts { get; } = [];

    public List<Bill> Bills { get; } = [];

    public List<BillLineItem> LineItems { get; } = [];

    public List<Payment> Payments { get; } = [];
}
