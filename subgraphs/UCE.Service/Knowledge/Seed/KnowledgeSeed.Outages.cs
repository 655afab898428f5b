namespace UCE.Service.Knowledge.Seed;

internal static partial class KnowledgeSeed
{
    private static IEnumerable<SeedArticle> Outages() =>
    [
        new("kb-0020", KnowledgeCategory.Outages, KnowledgeAudience.Public, "How to report a power outage", """
            1. **Check your breakers or fuses.** If only part of your home is dark, the problem is likely inside the home.
            2. **Look outside.** If your neighbours' lights and street lights are out too, it is probably a grid outage.
            3. **Report it** in the app or the portal (the fastest way), by text message, or on our outage line. You only need
               your address or account number.

            Smart meters tell us about many outages on their own, but your report still helps us find the cause faster,
            especially when only your home is affected. After reporting you can follow the outage on the map and get updates
            by text, email or push notification.

            **If you see a downed power line, stay at least 35 feet away and call 911, then our emergency line.**
            """),
        new("kb-0021", KnowledgeCategory.Outages, KnowledgeAudience.Public, "Estimated restoration times explained", """
            The **estimated restoration time** (ETR) is our best forecast of when power will be back at your address.

            - Right after an outage starts, the ETR is based on similar outages in the past.
            - Once a crew is assessing the damage, the ETR is updated with what they find: a blown fuse takes an hour,
              a broken pole several hours.
            - During major storms we restore hospitals, emergency services and water plants first, then the repairs that
              bring back the most customers at a time, so an ETR can move as priorities change.

            Turn on outage alerts to be told when the ETR changes and when power is restored. If your power is still off
            after your neighbours' is back, report it again: your home may have a separate problem.
            """),
        new("kb-0022", KnowledgeCategory.Outages, KnowledgeAudience.Public, "Why does my neighbour have power when I don't?", """
            Homes on the same street can be fed by different lines or transformers, so one side of the street may be restored
            before the other.

            If your neighbours have power and you do not:

            - check your main breaker and reset it;
            - look at the service drop, the wire from the pole to your house: if it is down or sagging, stay away and report it;
            - report the outage even if you reported it before: restoration of the main line does not always restore every
              individual service, and your report starts a separate repair.

            Damage to the **weatherhead or meter base** on your house is the owner's responsibility and needs an electrician
            before we can reconnect.
            """),
        new("kb-0023", KnowledgeCategory.Outages, KnowledgeAudience.Public, "Outage alerts by text, email and push notification", """
            Outage alerts tell you when we detect an outage at your address, when the estimated restoration time changes, and
            when power is restored.

            Turn them on in the portal under **Communication preferences**, topic *Outages*, and choose one or more channels:
            text message, email or push notification in the app. You can set **quiet hours**: alerts in that window are held
            until it ends, except the restoration message if you choose to receive it anyway.

            Alerts are sent for each address on your account. Renters and property managers can add an address they do not own
            from the outage map without an account.
            """),
        new("kb-0024", KnowledgeCategory.Outages, KnowledgeAudience.Public, "Preparing for storms and planned outages", """
            **Before a storm**

            - Charge phones and battery packs; keep a flashlight and a battery radio.
            - Keep a few days of water and food that needs no cooking.
            - Turn on outage alerts and save our outage line in your phone.
            - If you use powered medical equipment, make a backup plan and register with us (see *Medical equipment during
              outages*).

            **Planned outages**

            We sometimes switch off power to replace equipment safely. We notify affected customers at least **48 hours**
            ahead by mail or their preferred channel, with the date and the expected duration. Planned work is usually
            scheduled on weekdays between 9 am and 3 pm.
            """),
        new("kb-0025", KnowledgeCategory.Outages, KnowledgeAudience.Public, "Downed power lines and electrical safety", """
            **Always assume a downed line is live.**

            - Stay at least **35 feet** away, and keep children and pets away.
            - Call **911**, then our emergency line. Do not rely on an app report for a downed line.
            - Never touch anything in contact with the line: a fence, a car, a puddle or a tree.
            - If a line falls on your car while you are inside, stay in the car until emergency crews tell you it is safe.

            During an outage, unplug sensitive electronics and leave one lamp on so you know when power returns. Run portable
            generators outdoors only, far from windows, and never connect one to your home's wiring without a transfer switch:
            it can energize the line and injure line workers.
            """),
        new("kb-0026", KnowledgeCategory.Outages, KnowledgeAudience.Public, "Medical equipment and food safety during outages", """
            **Medical equipment**

            If someone in your home depends on oxygen concentrators, dialysis or other powered medical equipment, register for
            our **medical priority list**. Registered customers get advance notice of planned outages and a call during long
            outages. Registration does not guarantee priority restoration: always have a backup power source and an
            emergency plan.

            **Food safety**

            A closed refrigerator keeps food cold for about **4 hours**, a full freezer for about **48 hours**. Keep the doors
            closed. Throw away perishable food that has been above 40 °F for more than two hours.
            """),
        new("kb-0027", KnowledgeCategory.Outages, KnowledgeAudience.Public, "Flickering lights and momentary interruptions", """
            A flicker or a brief interruption of a second or two is usually the grid **protecting itself**: when a branch
            touches a line, equipment opens the circuit and closes it again automatically, often several times, to clear the
            fault without a long outage.

            Occasional flickers during storms are normal. Report them if they happen often in calm weather, if only your home
            is affected, or if lights dim when large appliances start: that can point to a loose connection in our service
            wire or in your home's wiring.
            """),
        new("kb-0028", KnowledgeCategory.Outages, KnowledgeAudience.AgentOnly, "Agent procedure: escalating a hazardous condition", """
            A **hazardous condition** is any report of a downed or sparking line, a fire at a pole or transformer, a vehicle
            into a pole, or equipment that is smoking or humming loudly.

            1. Tell the caller to stay at least 35 feet away and to call 911 if they have not.
            2. Create the outage report with hazard flag **HAZARD** and the exact location (cross streets, pole number if visible).
            3. Transfer the call to the **emergency dispatch** desk; never end a hazard call without a hand-off.
            4. Open an **OUTAGE** case with priority URGENT linked to the outage, and note the dispatch reference.

            Do not give an estimated restoration time for a hazard until dispatch confirms the site is safe.
            """),
    ];
}
