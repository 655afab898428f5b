namespace UCE.Service.Knowledge.Seed;

internal static partial class KnowledgeSeed
{
    private static IEnumerable<SeedArticle> Billing() =>
    [
        new("kb-0001", KnowledgeCategory.Billing, KnowledgeAudience.Public, "How to read your electricity bill", """
            Your bill has four parts.

            ## Account summary
            The first page shows the **amount due**, the **due date**, your account number and the balance carried over from
            your last bill. Pay the amount due by the due date to avoid a late payment charge.

            ## Usage
            The usage section shows the meter reading at the start and end of the billing period, the kilowatt-hours (kWh)
            you used and a chart of the last thirteen months, so you can compare this month with the same month last year.
            A reading marked **E** is estimated; see *Estimated meter reads*.

            ## Charges
            Charges are split into the **delivery** of electricity over our wires, the **supply** of the energy itself,
            the monthly customer charge, taxes, and any advanced energy products billed with your account.

            ## Messages
            The last section holds notices about rate changes, programs you may qualify for and planned work in your area.
            """),
        new("kb-0002", KnowledgeCategory.Billing, KnowledgeAudience.Public, "Why is my bill higher than usual?", """
            A higher bill almost always comes from one of these causes:

            1. **Weather.** Heating and air conditioning are the largest loads in most homes. A cold snap or a heat wave
               can raise usage by a third or more.
            2. **A longer billing period.** Periods run from 27 to 34 days; compare the number of days on this bill with the last.
            3. **An estimated read followed by an actual read.** If last month was estimated low, this month's actual read
               catches up. See *Estimated meter reads*.
            4. **A rate change.** Seasonal and approved rate changes are announced on the bill before they apply.
            5. **New appliances or guests.** A space heater, an electric vehicle, a hot tub or a full house adds up quickly.

            Compare your daily usage in the portal's usage chart to find the days that stand out. If nothing explains the
            increase, contact us and we will check the meter readings and can arrange a meter test.
            """),
        new("kb-0003", KnowledgeCategory.Billing, KnowledgeAudience.Public, "Estimated meter reads and how they are corrected", """
            When we cannot read your meter (a locked gate, a dog in the yard, a communication fault on a smart meter) we
            **estimate** the reading from your usage in the same period last year and the weather. Estimated readings are
            marked **E** on the bill.

            The next actual reading corrects the estimate automatically: if we estimated too high you receive a credit, and if
            we estimated too low the difference is billed. You never pay for the same energy twice.

            You can avoid estimates by submitting your own meter reading in the portal or the app during the three days before
            your read date, or by keeping access to the meter clear. Smart meters send readings every day; repeated estimates
            on a smart meter mean it needs a repair visit, which is free.
            """),
        new("kb-0004", KnowledgeCategory.Billing, KnowledgeAudience.Public, "Time-of-use rates and peak hours", """
            On a time-of-use rate the price of electricity depends on when you use it.

            | period | hours (weekdays) | price |
            | --- | --- | --- |
            | peak | 4 pm to 9 pm | highest |
            | off-peak | 9 pm to 4 pm | lower |
            | super off-peak | midnight to 6 am | lowest |

            Weekends and holidays are off-peak all day. Moving the dishwasher, laundry and **electric vehicle charging** out of
            peak hours lowers your bill without using less energy. The Smart EV Charging Plan and a smart thermostat can do
            this for you automatically.

            You can switch between the standard rate and time-of-use once every twelve months. The portal's rate comparison
            shows what your last year would have cost on each rate.
            """),
        new("kb-0005", KnowledgeCategory.Billing, KnowledgeAudience.Public, "Budget billing: the same amount every month", """
            Budget billing spreads your yearly energy cost evenly, so winter and summer bills look the same.

            - We calculate your monthly amount from the last twelve months of usage.
            - Every three months we compare what you paid with what you used and adjust the amount up or down if the
              difference is large.
            - Once a year, in your **settle-up month**, any difference is credited or billed, or spread over the next year.

            You still see your actual usage and charges on each bill. Budget billing is free; your account must be paid up to
            date to join. You can leave at any time, and the balance between what you paid and what you used becomes due on
            the next bill.
            """),
        new("kb-0006", KnowledgeCategory.Billing, KnowledgeAudience.Public, "Charges, taxes and fees on your bill explained", """
            - **Customer charge**: a fixed monthly amount that covers the meter, billing and customer service, whatever you use.
            - **Delivery charge**: the cost of carrying electricity over the grid to your home, per kWh.
            - **Supply or energy charge**: the cost of the electricity itself, per kWh; on a time-of-use rate it varies by hour.
            - **Riders**: small per-kWh amounts approved by the regulator for specific programs, such as energy efficiency,
              storm recovery and renewable energy.
            - **Taxes**: state and local taxes set by law, collected by us and passed on in full.
            - **Late payment charge**: added when the amount due is not paid by the due date.
            - **Advanced energy products**: monthly charges for products such as a solar lease, a warranty plan or the Smart EV
              Charging Plan appear in their own section and are not regulated utility charges.
            """),
        new("kb-0007", KnowledgeCategory.Billing, KnowledgeAudience.Public, "Disputing a bill or a charge", """
            If you believe a bill is wrong, tell us **before the due date** if you can. While we investigate:

            - pay the part of the bill you do not dispute, so no late charge applies to it;
            - no collection action is taken on the disputed amount.

            We review the meter readings, the rate and any fees, and answer within **ten business days**. If a correction is due
            we credit your account and send a corrected bill. If we cannot resolve the dispute to your satisfaction you may
            file a complaint with the state utility commission; we will give you its contact details and your case number.

            You can open a billing dispute by phone, in chat, or from the bill page in the portal.
            """),
        new("kb-0008", KnowledgeCategory.Billing, KnowledgeAudience.Public, "Advanced energy product charges on your utility bill", """
            Products from our advanced energy solutions catalogue (EV chargers, the Smart EV Charging Plan, smart thermostats,
            rooftop solar leases, home batteries and home systems warranties) can be billed on your utility bill.

            - One-time purchases can be paid in full or in equal monthly instalments.
            - Monthly plans appear as a separate line under **Advanced energy products**.
            - These charges are not regulated utility charges: not paying them never leads to disconnection of electric service,
              though the product may be suspended.

            Cancelling a monthly plan stops the charge from the next billing period. Thermostat Rewards credits appear as a
            negative amount in the same section.
            """),
        new("kb-0009", KnowledgeCategory.Billing, KnowledgeAudience.AgentOnly, "Agent procedure: high bill investigation checklist", """
            Use this checklist when a customer calls about a high bill. Open a **HIGH_BILL** case before you start.

            1. Compare the billing period length and the average daily usage with the last bill and the same month last year.
            2. Check for estimated reads (code E) in the last three periods; an actual read after estimates explains most spikes.
            3. Look at daily interval usage: a step change on one day points to a new appliance or a fault; a steady rise
               with temperature points to heating or cooling.
            4. Check the rate: a move from a promotional or time-of-use rate, or a seasonal rate change.
            5. Ask about household changes: guests, a new EV, a space heater, a pool pump, a well pump running constantly.
            6. If nothing explains the usage, order a **meter test** (free once per 12 months) and note it on the case.

            Offer budget billing or a payment arrangement when the customer cannot pay the full amount.
            """),
    ];
}
