import DispatchStore
import Understanding

/// The unit a ticket's routing points to, matched against the directory.
///
/// Routing (the intents folder) names units as residents and staff say them (物业, 燃气公司);
/// the directory has ids (`wuye-3`). A directory entry matches a route when its id, name or kind
/// is the route's unit; entries that serve the ticket's category come first.
struct UnitSuggestion: Equatable {
    /// The unit routing names (物业), nil when the category has no routing.
    let routedUnit: String?
    /// The routing sub-category's name (水管漏水、停水), when one matched.
    let subcategoryName: String?
    /// The directory entry to dispatch to, nil when none matches.
    let unit: ServiceUnit?

    /// The suggestion for `ticket`.
    ///
    /// - Parameters:
    ///   - catalog: The intents, for routing; for a category without routing, the directory's
    ///     entries serving the category are the only guide.
    ///   - directory: The units and volunteers.
    init(for ticket: Ticket, catalog: IntentCatalog, directory: [ServiceUnit]) {
        let routing = catalog[ticket.category]?.routing
        let subcategory = routing?.subcategories.first { $0.id == ticket.subcategory }
        routedUnit = subcategory?.unit ?? routing?.default?.unit
        subcategoryName = subcategory?.name
        let serving = directory.filter { $0.categories.contains(ticket.category) }
        if let routedUnit {
            let matching = directory.filter { $0.id == routedUnit || $0.name == routedUnit || $0.kind.rawValue == routedUnit }
            unit = matching.first { $0.categories.contains(ticket.category) } ?? matching.first { !$0.categories.isEmpty }
        } else {
            unit = serving.first { $0.kind != .volunteer } ?? serving.first
        }
    }

    /// `建议单位 Suggested unit: wuye-3 (3栋物业)  ← repair / water 水管漏水、停水 → 物业`.
    func describe(for ticket: Ticket) -> String {
        var route = ticket.categoryLabel
        if let subcategoryName { route += " \(subcategoryName)" }
        if let routedUnit { route += " → \(routedUnit)" }
        guard let unit else {
            return "No directory entry matches the routing (\(route)): pass --unit ID, or add one with `minhu units add`."
        }
        return "建议单位 Suggested unit: \(unit.id) (\(unit.name))  ← \(route)"
    }
}
