namespace UCE.Service.Knowledge.Seed;

internal static partial class KnowledgeSeed
{
    private static IEnumerable<SeedArticle> MovingAndAccount() =>
    [
        new("kb-0040", KnowledgeCategory.Moving, KnowledgeAudience.Public, "Starting service at a new address", """
            Request new service at least **three business days** before you move in, in the portal or by phone. You need:

            - the service address and the date you want service to start;
            - your name, phone number and email, and for new customers an ID to verify your identity;
            - a mailing address if it differs from the service address.

            Most homes with a smart meter are connected remotely on the start date, with no visit. If the power was physically
            disconnected or the meter must be installed, a technician visit is scheduled and someone over 18 may need to be home.
            You receive a **confirmation number**; keep it until your first bill arrives.
            """),
        new("kb-0041", KnowledgeCategory.Moving, KnowledgeAudience.Public, "Stopping service when you move out", """
            Tell us your move-out date at least **three business days** ahead so that you are not billed for the next occupant's
            usage.

            - We take a final meter reading on the stop date (remotely for smart meters).
            - Give us a forwarding address for the final bill and any refund.
            - Autopay stays on until the final bill is paid, then ends automatically.

            Landlords: service in a rental you own can switch to your name between tenants instead of being disconnected;
            ask about our landlord continuity agreement.
            """),
        new("kb-0042", KnowledgeCategory.Moving, KnowledgeAudience.Public, "Moving within our service area: transfer your service", """
            If your new home is also in our service area, a **move request** stops service at the old address and starts it at
            the new one in one step.

            1. In the portal choose **Move service**, or call us.
            2. Give the stop date at the old address and the start date at the new one; they may overlap by a few days so you
               have power while you move.
            3. We close the old account with a final bill and open a new account for the new address. Your payment history,
               autopay, paperless billing and communication preferences move with you.

            Advanced energy products installed at the old address stay with that home; see *Moving with a solar lease or an EV
            charger*.
            """),
        new("kb-0043", KnowledgeCategory.Moving, KnowledgeAudience.Public, "Your final bill after moving", """
            The final bill covers usage from your last regular bill up to the final meter reading on your stop date. It is sent
            to your forwarding address or by email within about **ten days**.

            - Any deposit is applied to the final bill with interest; a remaining credit is refunded.
            - An unpaid final bill can be moved to your new account if you stay a customer.
            - Disputing a final reading: tell us within 30 days; a photo of the meter on move-out day helps.
            """),
        new("kb-0044", KnowledgeCategory.Moving, KnowledgeAudience.Public, "Moving with a solar lease or an EV charger", """
            **Solar lease**: the lease belongs to the home. When you sell, the buyer can take over the lease after a credit
            check; we provide the transfer documents for the closing. Alternatively you can buy out the remaining lease.

            **EV charger**: a charger you bought is part of the home once installed. You can ask us to remove it for a fee and
            reinstall one at your new home at the standard installation price.

            **Home battery, thermostat and warranty plans**: a home battery stays with the home. A smart thermostat can move
            with you. Warranty plans cover the address on the plan; moving within our area transfers the plan to the new address
            after a 30-day waiting period.
            """),
        new("kb-0045", KnowledgeCategory.Account, KnowledgeAudience.Public, "Updating your contact details and communication preferences", """
            Keep your phone number and email current so outage alerts, bill notices and disconnection warnings reach you.

            - **Contact details**: portal → **Profile**. A new email address is confirmed with a link before it is used.
            - **Communication preferences**: choose per topic (billing, outages, usage alerts, products and offers) which
              channels we may use: email, text message, push notification or mail.
            - **Paperless billing**: turn off paper bills and get an email when each bill is ready.

            Legal notices such as disconnection notices are always sent by mail as well, whatever your preferences.
            """),
        new("kb-0046", KnowledgeCategory.Account, KnowledgeAudience.Public, "Adding an authorized person to your account", """
            An **authorized person** can discuss your account, make payments and report outages for you, for example a family
            member or a caregiver. They cannot close the account or change its owner.

            Add one in the portal under **Profile → Authorized people**, or call us with the person present on the line.
            For full legal authority, such as power of attorney, send us a copy of the document.
            """),
        new("kb-0047", KnowledgeCategory.Account, KnowledgeAudience.Public, "Opening an account: identity check and deposit", """
            To open an account we verify your identity with a government ID or your Social Security number. Depending on the
            credit check, a **security deposit** of up to two months' estimated bills may be required; it can be paid in
            instalments over three bills.

            The deposit is refunded with interest after twelve months of on-time payments, or applied to your final bill when
            you close the account. Customers who had service with us in good standing in the last two years pay no deposit.
            """),
        new("kb-0048", KnowledgeCategory.Account, KnowledgeAudience.AgentOnly, "Agent procedure: verifying a caller's identity", """
            Before discussing or changing an account, verify the caller:

            1. The account holder's full name and service address, and
            2. one of: the last four digits of the SSN on file, the account number, or the amount of the last payment.

            Authorized persons are verified the same way against their own record. Callers who cannot be verified may report an
            outage or a hazard and make a payment, nothing else. Never read out account details to help a caller pass the check.

            Log the verification method in the contact record. After three failed attempts, end the verification and offer the
            portal's sign-in recovery.
            """),
        new("kb-0049", KnowledgeCategory.Account, KnowledgeAudience.AgentOnly, "Agent procedure: handling a regulatory complaint", """
            A complaint forwarded by the **state utility commission**, or a customer who says they are filing one, is a
            regulatory complaint.

            1. Open a **REGULATORY_COMPLAINT** case the same day; its SLA follows the statutory deadline (the commission's
               response date, usually 10 business days).
            2. Record the commission's reference number and attach the complaint letter.
            3. Do not resolve the underlying issue silently: every action and contact goes on the case as an internal note.
            4. The regulatory team drafts the written response; the case is resolved only when the response is filed.

            Disconnection for the disputed amount is suspended while the complaint is open.
            """),
    ];
}
