/// The web application of liancha (联查): a Hummingbird 2 server over the same SQLite database as
/// the command line. Partner departments work in their own pages, the lead bureau runs the plan,
/// inspectors enter results on their phones, and the public reads published results and re-checks
/// draws. `liancha serve` calls `runServer(databasePath:host:port:)`; `liancha user add` hashes
/// passwords with `Passwords.hash(_:)`. Tests build the router with `buildRouter(_:)` and a
/// `WebEnvironment` whose clock and seeds they fix.
///
/// Layout: `App/` (environment, context, security, errors, the router), `Controllers/` (one per
/// group of pages, each a `RouteCollection` mounted at `/` and `/api`), `Views/` (view models,
/// the Mustache templates and the stylesheet, kept in the binary), `Support/` (forms, paths).
enum InspectionWeb {}
