namespace UCE.Service.Knowledge.Seed;

internal static partial class KnowledgeSeed
{
    private static IEnumerable<SeedArticle> Payments() =>
    [
        new("kb-0010", KnowledgeCategory.Payments, KnowledgeAudience.Public, "Ways to pay your bill", """
            - **Online or in the app**: by bank account (free) or debit or credit card. Payments made before 8 pm post the
              same day.
            - **Autopay**: the amount due is taken from your bank account on the due date. See *Setting up autopay*.
            - **By phone**: our automated line takes bank and card payments day and night.
            - **By mail**: send a check with the payment stub from your bill; allow five business days.
            - **In person**: at authorized payment locations in grocery and convenience stores, with the barcode on your bill.

            Whichever way you pay, keep the confirmation number until the payment shows on your account.
            """),
        new("kb-0011", KnowledgeCategory.Payments, KnowledgeAudience.Public, "Setting up autopay", """
            Autopay pays your bill automatically from a bank account on the due date.

            1. Sign in to the portal or the app and open **Payments → Autopay**.
            2. Enter your bank's routing number and your account number, or choose a saved bank account.
            3. Choose whether to pay the full amount due or a fixed amount.

            Autopay starts with the next bill; pay the current bill yourself if it is due within five days. We still send every
            bill, at least ten days before the payment is taken, so you can check it.

            To stop autopay, turn it off in the same place at least three days before the due date. If an autopay payment is
            returned by your bank, autopay is suspended until you update your bank details.
            """),
        new("kb-0012", KnowledgeCategory.Payments, KnowledgeAudience.Public, "Payment arrangements: paying an overdue balance in instalments", """
            If you cannot pay an overdue balance at once, a **payment arrangement** splits it into instalments added to your
            next bills, usually over three to twelve months.

            - While you keep to the arrangement, no disconnection notice is sent for the arranged amount.
            - You must also pay each new bill in full by its due date.
            - A down payment may be required, depending on your payment history.

            You can set up an arrangement in the portal when your balance is overdue, or call us. If you miss an instalment,
            the remaining balance becomes due at once, so contact us before a payment is missed: we can often adjust the plan.
            """),
        new("kb-0013", KnowledgeCategory.Payments, KnowledgeAudience.Public, "What happens if you miss a payment", """
            1. **After the due date** a late payment charge is added to the unpaid amount on your next bill.
            2. **A reminder** is sent by your chosen channel about a week later.
            3. **A disconnection notice** is mailed at least fourteen days before any disconnection, stating the amount that
               must be paid and the earliest date service could be disconnected.
            4. Service is **never disconnected** on weekends, holidays, or days of extreme heat or cold, nor while a medical
               certificate or a payment arrangement is in place.

            If you are behind, contact us as early as possible: a payment arrangement, budget billing or an assistance program
            can stop the process. Paying the amount on the notice stops it too.
            """),
        new("kb-0014", KnowledgeCategory.Payments, KnowledgeAudience.Public, "Help paying your bill: assistance programs", """
            Several programs help customers who are struggling with energy bills:

            - **Energy assistance grants** from the state, administered by community action agencies, pay part of your winter
              or summer bills. Eligibility depends on household income.
            - **Our hardship fund** gives a one-time credit to customers facing a job loss, illness or another crisis.
            - **Low-income discount rate**: a monthly discount on the customer and delivery charges for enrolled households.
            - **Medical certificate**: protects against disconnection for a household member who depends on powered medical
              equipment.

            Call us or use the portal's assistance finder. Applying does not affect your credit, and we can pause collection
            while your application is reviewed.
            """),
        new("kb-0015", KnowledgeCategory.Payments, KnowledgeAudience.Public, "A payment I made does not show on my account", """
            How long a payment takes to appear depends on how you paid:

            | paid by | shows on your account |
            | --- | --- |
            | online, app or phone before 8 pm | the same day |
            | authorized payment location | within 24 hours |
            | mail | three to five business days after we receive it |
            | your bank's bill pay service | up to five business days (your bank mails or sends it to us) |

            If the time above has passed, have your **confirmation number** or bank statement ready and contact us. We trace the
            payment and, once found, apply it with the date you paid, so no late charge applies to it.
            """),
        new("kb-0016", KnowledgeCategory.Payments, KnowledgeAudience.Public, "Refunds and credit balances", """
            A credit balance (shown as a negative amount or "CR") comes from an overpayment, a corrected estimated read, a
            program credit or a returned deposit. It is applied automatically to your next bills.

            You can ask for a **refund** of a credit balance over $10. Refunds go back to the card or bank account you paid
            from, or by check to your mailing address, within ten business days. When you close an account, any credit left
            after the final bill is refunded automatically.
            """),
        new("kb-0017", KnowledgeCategory.Payments, KnowledgeAudience.Public, "Returned payments", """
            A payment is **returned** when your bank refuses it: insufficient funds, a closed account or wrong bank details.
            When that happens:

            - the payment is reversed on your account and a returned payment fee is added;
            - autopay is suspended until you update your bank details;
            - after two returned payments in twelve months we may ask for payments by card or cash for a year.

            Pay the amount again by another method as soon as you can, and contact us if the return put your account past due.
            """),
        new("kb-0018", KnowledgeCategory.Payments, KnowledgeAudience.AgentOnly, "Agent procedure: offering a payment arrangement", """
            Eligibility, in the order the agent desktop checks it:

            1. The account has an overdue balance and is not in a bankruptcy hold.
            2. No arrangement on this account was broken in the last 12 months (a supervisor may override once).
            3. The overdue balance is under $5,000; above that, transfer to the credit team.

            Terms:

            - Down payment: none for a first arrangement; 25 % of the overdue balance after a broken one.
            - Length: up to 6 months by default, up to 12 months for customers enrolled in an assistance program.
            - Record the arrangement on a **PAYMENT_ARRANGEMENT** case, read the terms back to the customer, and send the
              written confirmation by the customer's preferred channel.

            Always mention the assistance programs (*Help paying your bill*) before agreeing the terms.
            """),
        new("kb-0019", KnowledgeCategory.Payments, KnowledgeAudience.AgentOnly, "Agent procedure: waiving a late payment charge", """
            Agents may waive **one** late payment charge per account in any 12 months when:

            - the customer has paid on time for the previous 6 bills, or
            - the late payment was caused by our error (a delayed bill, a payment posted late, a returned-payment mistake), or
            - the customer was affected by a declared emergency or a long outage.

            Waive the charge from the account's adjustments screen with reason code **LATE-WAIVE** and note the reason on the case.
            A second waiver within 12 months needs a supervisor. Never promise a waiver before checking the history.
            """),
    ];
}
