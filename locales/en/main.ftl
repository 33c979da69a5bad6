## Layout and navigation
skip-to-content = Skip to content
nav-label = Main
nav-cookie = Cookie flow
nav-session = Session flow
nav-register = Create an account
nav-compare = Side by side
nav-explain = How it works
nav-dashboard = Dashboard
footer-served = Served by instance { $instance } · sessions kept in: { $store }
footer-text = session-lab teaches one lesson: what changes when a site keeps your login in cookies, and what changes when it keeps it in a server-side session. The cookie flow is weak on purpose.
back-home = Back to the start page
back-to-flow = Back to this flow's home

## Shared words
login = Log in
logout = Log out
not-logged-in = You are not logged in.
logged-in-as = You are logged in as { $user }.
seconds = { $n ->
    [one] { $n } second
   *[other] { $n } seconds
}
staff-link = Try the staff-only page
inspect-link = See this as JSON (inspector)
field-username = Username
field-password = Password
field-remember = Keep the cookie after the browser closes
login-example = Try the built-in student: username abc, password 1234. Or:

## The page-wide warning on every form that takes a password
notice-title = Never type a real password here.
notice-body = This is a teaching app. The cookie flow stores your password in plain text in a cookie, where any script on the page, anyone with your browser, and anyone on an unencrypted network can read it.

## What the browser sent
sent-title = What your browser sent with this request
sent-bytes = The Cookie header below is { $bytes } bytes long, and it travels with every request to this part of the site.
sent-nothing = Your browser sent no cookies with this request.

## Landing page
index-title = Cookies or sessions: where does your login live?
index-lead = Log in once through each flow and compare what your browser carries, what the server keeps, and what an attacker could do with each.
index-cookie-summary = Your username, your password and your role are written into three cookies. The browser sends them with every request, and the server checks the password again each time. The server remembers nobody.
index-session-summary = The server checks your password once, keeps a record of your login, and gives your browser only a random 256-bit id in a cookie that page scripts cannot read.
index-open-flow = Open this flow
index-signed-summary = The honest alternative to a session: your user, role and expiry travel in one cookie that the server signs with a key only it has. Anyone can read the cookie, nobody without the key can change it, and the server keeps nothing, so it cannot take a copy back either.
index-try-title = Try this
index-try-1 = Log in through the cookie flow, then look at the Cookie header your browser sent: your password is in it.
index-try-2 = Log in through the session flow: the only cookie is a random id that means nothing by itself.
index-try-3 = Open each flow's staff-only page as a student. One of them believes whatever your cookies claim.
index-try-4 = Log out of each flow and ask yourself what a copy of your old cookies would still be worth.
index-try-5 = Log in through the signed flow and read your role in its cookie. Then try to change it in the security lab: the signature gives you away.
index-next-title = Where next
index-next-compare = the three flows in one view, live: what travels, what scripts can read, what the server keeps, what logout does.
index-next-explain = how each flow works step by step, and what each costs, in figures this server measured.
index-next-lab = attack the flows yourself: steal, forge, fixate, guess and replay, each with how to prevent it.
index-accounts = The student account abc with password 1234 is built in; the instructor account is teacher.
index-server-title = This server
index-store = Session records are kept in: { $store }.

## Cookie flow
cookie-flow-name = Cookie flow: credentials in cookies
cookie-weak-label = Deliberately insecure, for the lesson
cookie-login-title = Log in: cookie flow
cookie-login-lead = When you log in here, the server puts your username, your password and your role into three ordinary cookies. Page scripts can read them, and the browser sends them with every request to /cookie.
cookie-remember-hint = Without this box the cookies have no expiry and the browser drops them when its session ends. With it they get Max-Age for 30 days, and the server cannot take them back.
cookie-home-verified = The server remembered nothing about you. It found your username and password in this request's cookies and checked the password against its stored hash, just now, as it does on every request.
cookie-role-cookie = Your role cookie says
server-remembers = What the server keeps about you
cookie-server-remembers = Nothing. Every request must prove who you are again.
cookie-logout-hint = Logging out only asks your browser to delete the cookies. Anyone who copied them earlier can still log in as you until the password changes.
cookie-rejected = Your browser sent credentials, but they did not match an account, so you are not logged in.
cookie-staff-why-in = You are in because your role cookie says instructor. The server never asked the account store; it believed the cookie, which anyone can edit.
cookie-staff-real-role = The account store says { $user } is really a { $role }.
cookie-staff-nobody = Nobody is even logged in: the role cookie alone opened this door.
cookie-staff-hint = This page trusts your role cookie. What happens if you change it?

## Session flow
session-flow-name = Session flow: state on the server
session-login-title = Log in: session flow
session-login-lead = When you log in here, the server checks your password once, stores a record of your login, and sends your browser one cookie: a random id marked HttpOnly, so page scripts cannot read it.
session-remember-hint = Without this box the id is a memory cookie that the browser drops when its session ends. With it the cookie gets Max-Age until the session's absolute timeout. Either way the server decides when the session ends.
session-home-found = Your browser sent only a session id. The server looked it up in its session store and found this record.
session-role = Role, from the server's record
session-fingerprint = Session fingerprint (not the id)
session-expires = Ends in
session-logout-hint = Logging out deletes the record on the server. A copy of the old id is worthless from that moment.
session-logout-others = Log out everywhere else
session-logout-others-hint = Ends every other session of this account (another browser, another device, or an id someone copied) and keeps this one. The server can do this because it holds every session; a signed cookie or a copied password cannot be called back like this.
session-logout-others-shared = The demo account abc is shared by the whole class, so it cannot end its other sessions: that would log out your classmates. Register your own account to try "log out everywhere else".
session-ended-others = { $count ->
    [0] There was no other session of this account to end.
    [one] One other session of this account ended; its id opens nothing any more.
   *[other] { $count } other sessions of this account ended; their ids open nothing any more.
}
session-rejected = Your browser sent a session id the server does not know: it expired, was revoked, or was never issued. The server asked your browser to forget it.
session-rejected-evicted = This server keeps sessions in memcached, a cache: it may also have dropped this one to make room for newer items, or lost it when memcached restarted.
session-open-dashboard = Open the instructor dashboard
session-staff-why-in = The server read your role from its own session record for { $user }. Editing your cookies cannot change it.
session-staff-hint = The role comes from the server's record, not from anything your browser sends.

## Staff pages
staff-title = Staff only
staff-welcome = Welcome to the staff room.
staff-students-only = Only instructors may enter. Your role is { $role }.
staff-login-first = Log in first.

## Registration
register-title = Create an account
register-lead = A new student account works in all three flows.
register-username-rule = 3 to 32 characters: lowercase letters, digits, _ . and -
register-password-rule = 4 to 64 characters. Use a throwaway password.
register-submit = Create account
register-created = The account { $user } is ready. Log in through any of the three flows.

## Form and request errors
error-login-failed = That username and password do not match an account.
error-username-length = A username has 3 to 32 characters.
error-username-alphabet = A username may use only lowercase letters a-z, digits, and the characters _ . -
error-password-length = A password has 4 to 64 characters.
error-password-control = A password may not contain control characters.
error-username-taken = That username is taken. Choose another.
error-accounts-full = This server holds as many accounts as it will keep. Ask the instructor.
error-csrf-title = Form expired
password-title = Change your password
password-lead = A new password ends every other session of this account, so whoever copied a session id or learned the old password is logged out. This session stays.
password-current = Current password
password-new = New password
password-submit = Change the password
password-changed = The password is changed.
password-changed-cookie = A cookie-flow copy of the old password (in this browser, or wherever someone copied it) stops working on its next request: the server checks the password in every request, and the old one no longer matches.
password-built-in = The accounts abc and teacher take their passwords from this server's configuration, so they cannot be changed here. Create your own account to try it.
password-wrong-current = The current password is not right, so nothing was changed.
error-shared-account = The demo account is shared by the whole class, so its other sessions are not yours to end. Register your own account to try this.
error-csrf = This form did not carry the token of your session, so it was refused. Go back, reload the page and try again.
error-400-title = Bad request
error-400 = The server could not understand this request.
error-401-title = Not logged in
error-401 = This page needs you to log in first.
error-403-title = Not allowed
error-403 = You are logged in, but this page is not for your account.
error-404-title = Page not found
error-404 = There is no page at this address.
error-413-title = Too large
error-413 = The request was larger than this server accepts. Forms here need only a few hundred bytes.
error-422-title = Form incomplete
error-422 = Some fields of the form were missing or could not be read. Go back and fill in every field.
error-4xx-title = Request refused
error-4xx = The server refused this request.
error-500-title = Server error
error-500 = Something went wrong on the server. It has been logged; please try again.
error-503-title = Service unavailable
error-429-title = Too many attempts
error-registrations = Your address has created as many accounts as it may within an hour. Log in with one you made, or wait; the page says how long.
error-throttled = Too many wrong passwords for this account from your address. Wait a few minutes before you try again; the page says how long.
error-busy = The server is checking many passwords right now. Try again in a second.
error-retry-after = Try again in { $n ->
    [one] 1 second
   *[other] { $n } seconds
}.
error-retry-after-minutes = Try again in { $n } minutes.
error-cross-site = This request came from a page of another site, so it was refused: a site may not log you in, post or press buttons here on your behalf.
error-not-from-dashboard = Instructor controls work only when a person clicks them on the dashboard itself. This request did not come from such a click, so it was refused.
error-not-clicked = A post is published only when a person presses the button. This one was sent by a script, so it was refused.
error-unknown-browser = This form works only from a page of this lab in the same browser. Open the lesson page first, then use its form.
error-instructor-session-only = The instructor account logs in to the session flow only. Here its password would sit in a readable cookie or in a token nobody can take back, where the lessons attack it. Use /session/login, and a student account for the lessons.
error-503 = The session store is unavailable right now, so logins cannot be checked. Please try again in a moment.

## The inspector
inspector-title = Inspector: what this page really exchanged
pane-sent = Your browser sent
pane-sent-bytes = The Cookie header of this request: { $bytes } bytes. The browser sends it again with every request to this part of the site.
pane-sent-lab = inspector and lang are this lab's own cookies (which browser you are, which language you chose), not part of any flow.
pane-set = The server set
pane-set-login = The Set-Cookie lines of your last login response in this flow, every attribute as sent:
pane-set-logout = The Set-Cookie lines of your last logout response in this flow: Max-Age=0 asks the browser to delete each cookie.
pane-set-nothing = Nothing yet. Log in or out in this flow and the exact Set-Cookie lines of that response appear here.
pane-set-redacted = The value shown as … is not kept for this pane: a server that stored your password, or a page that printed your session id where any script could read it, would commit the very mistake this lab teaches. The value is the one in "Your browser sent".
pane-js = JavaScript can read
pane-js-empty = document.cookie is empty: no script on this page can read any cookie.
pane-js-noscript = This pane needs JavaScript: it shows what scripts can read.
pane-js-cookie = Any script on this page can read these, including one an attacker slipped in. Nothing marks them HttpOnly.
pane-js-session = The sid cookie is HttpOnly: the browser sends it, but keeps it from every script, so it cannot appear here.
pane-stores = The server stores
pane-stores-cookie-nothing = Nothing. This server remembers nobody between requests.
pane-stores-cookie-verified = On this very request it read the username { $user } and the password from your cookies, and checked the password against the stored Argon2id hash.
pane-stores-cookie-role = Your role cookie says { $role }. The server never checked that against the account.
pane-stores-cookie-rejected = The credentials in your cookies did not verify, so you are not logged in.
pane-stores-created = created
pane-stores-last-seen = last seen
pane-stores-expires = ends in
pane-stores-expired = ended (reload: the server agrees)
pane-stores-key = filed under
pane-stores-timeouts = The session ends { $idle } seconds after your last request, and { $absolute } seconds after login at the latest. Only requests that use the session count as activity; this countdown runs in your browser.
pane-stores-session-none = No session record for this browser: nothing with its id is stored.
held-summary = How this server's store holds this record
held-memory = An entry of a hash map in this process's memory, under 32 bytes that hash the id. Nothing is written anywhere: a restart forgets it.
held-file = A file of its own in the session folder. Its content is written once, at login; its modification time is the last request.
held-redis = A Redis string key with an absolute expiry (PXAT): Redis deletes it by itself at that moment.
held-sql = A row of the table sessions. Every query compares expires_ms with the time of the request; the sweeper deletes rows whose time has passed.
held-memcached = A memcached item with an absolute expiry (Unix seconds). memcached may also drop it sooner, to make room for newer items.
seconds-ago = { $n ->
    [one] { $n } second ago
   *[other] { $n } seconds ago
}

## /compare
compare-title = Both flows, side by side
compare-title-three = Three flows, side by side
compare-lead = Each column is a complete flow: log in, look around, log out. Watch what each inspector shows, and compare the facts underneath, which refresh whenever either side changes.
facts-title = The same facts, for each flow
facts-bytes = The flow's own cookies in each request's Cookie header
facts-bytes-unit = bytes
evidence-title = What each flow's requests carry
evidence-none = nothing: this browser holds no cookie of this flow (log in to it)
evidence-hint = The Cookie header of this browser's next request to each flow, the flow's own cookies only: HttpOnly values are shown as * (one per byte), everything else as it travels.
expiry-yours = Your session ({ $user }) ends on the server in
expiry-log-in-to-watch = Log in to the session flow, and your session's countdown appears here.
facts-password = Where your password is after login
facts-password-cookie = In a cookie in your browser, sent with every request, readable by any script on the page.
facts-password-session = Nowhere. The server checked it once against a hash; only the random id travels.
facts-js = What JavaScript can read
facts-js-empty = nothing
facts-server = What the server keeps for you
facts-server-nothing = nothing
facts-server-record = a record for { $user }, ending in { $s } s
facts-logout = What logging out really does
facts-logout-cookie = Asks your browser to delete the cookies. A copy made earlier keeps working until the password changes.
facts-logout-session = Deletes the record on the server. Every copy of the id stops working at once.
facts-hint = Numbers come from this server's answers to your own browser: the inspect endpoints of each flow, and document.cookie in each frame.

## /explain
explain-title = How it works, and what it costs
explain-lead = One login, kept three ways. Below: each way step by step, the trade-offs with numbers this server measured, the Flask-Session tutorial's table (this lesson began from it) beside what holds, and the misconceptions that tutorial and many others repeat.
explain-how-title = Step by step
lane-browser = Browser
lane-server = Server
lane-store = Store
seq-cookie-1 = The browser posts the login form.
seq-cookie-2 = The server looks up the account and checks the password against its Argon2id hash.
seq-cookie-3 = The answer puts username, password and role into three cookies (Set-Cookie, one line each).
seq-cookie-4 = Every later request carries all three cookies back.
seq-cookie-5 = The server remembers nothing, so it checks the password again, on every request.
seq-cookie-6 = The page. The role comes from the role cookie, as the client wrote it.
seq-session-1 = The browser posts the login form.
seq-session-2 = The server checks the password against its hash, once.
seq-session-3 = It draws 256 random bits from the operating system as a new id, and stores a record (user, role, times) under it. An id the browser already had is deleted, never reused.
seq-session-4 = The answer sets one cookie: the id, HttpOnly, SameSite=Lax. Without "keep the cookie" it is a memory cookie.
seq-session-5 = Every later request carries only the id.
seq-session-6 = The server looks the id up, checks the idle and absolute timeouts, moves "last seen", and answers as that user.
explain-corrections-title = Corrections to the Flask-Session tutorial's six steps
explain-correction-1 = A server does not set HttpOnly "by default". A cookie is HttpOnly only if the Set-Cookie line says so (RFC 6265, section 4.1.2.6); some frameworks add it to their session cookie, plain set_cookie calls usually do not. This app adds it to sid and, on purpose, not to the cookie flow's cookies.
explain-correction-2 = A new id belongs at every login, not only when the request has none: an id known before login (planted by an attacker, or stolen) must die when the user logs in (OWASP Session Management Cheat Sheet, Renew the Session ID After Any Privilege Level Change; ASVS 5.0 requirement 7.2.4).
explain-correction-3 = A memory cookie disappears when the browser session ends, but the server's record does not: it lives until its idle or absolute timeout, or until logout deletes it. And browsers that restore tabs may keep memory cookies for days.
explain-table-title = Three ways to keep a login, measured
explain-table-lead = The first column is an anti-pattern, shown because it is what many first attempts, and the Flask-Session tutorial's table, mean by "cookies". The honest comparison is between the other two: a signed cookie the server checks without remembering anything, and a server session it must look up but can end at any moment. Every number below was measured by this server.
explain-col-cookie = Credentials in cookies (an anti-pattern)
explain-col-signed = Signed cookie
explain-col-session = Server session
seq-signed-1 = The browser posts the login form.
seq-signed-2 = The server checks the password against its hash, once.
seq-signed-3 = The answer sets one cookie: user, role and expiry in base64url, a dot, and an HMAC-SHA256 of them made with the server's key. HttpOnly, and sent only under /signed.
seq-signed-4 = Every later request carries the token.
seq-signed-5 = The server computes the HMAC again with its key, compares it in constant time and checks the expiry. No store and no lookup: the server remembers nothing.
seq-signed-6 = The page. The role comes from the signed payload: anyone can read it, nobody without the key can change it.
row-where-signed = In the browser: one cookie with the user, role and expiry, readable by anyone who decodes it, and the server's signature over them.
row-check = What recognising the user costs, measured now
row-check-cookie = for one Argon2id check (m = { $kib } KiB, t = { $passes }), paid on every request because the password itself is the credential.
row-check-signed = for one HMAC-SHA256 check of the signature, and the expiry.
row-check-session = for one lookup in the { $store } store.
row-probe-busy = Not measured: the password hashing queue was full. Reload in a minute.
row-probe-down = Not measured: the session store did not answer. Reload when it is back.
row-rate = Checks one processor core can make per second (from the row above)
row-rate-unit = per second
row-speed-avg = on average over { $n } requests, waiting for a free core included.
row-bytes-signed-probe = for a token of abc signed just now (nobody has used this flow yet).
row-server-memory = What the server keeps per logged-in user
row-server-memory-none = Nothing.
row-server-memory-session = per session: a record of user, role, form token and times, as the file and Redis stores write it (the memory store keeps the same fields).
row-js = What a script in the page can read
row-js-cookie = Everything: document.cookie shows the username, the password and the role.
row-js-signed = Nothing (HttpOnly). But the payload is only encoded: whoever gets the cookie reads user, role and expiry without any key.
row-js-session = Nothing (HttpOnly), and the id means nothing without the server's record.
row-stolen = What a stolen copy gives, and for how long
row-stolen-cookie = The password itself. It logs in until the password is changed, with no time limit; the cookies themselves last until the browser closes, or { $days } days with "keep the cookie".
row-stolen-signed = A login until the token's expiry, { $lifetime } seconds after login. Nothing on the server can shorten it.
row-stolen-session = A login until the record ends: { $idle } seconds without a request, { $absolute } seconds after login at the latest, or at logout or revocation, whichever comes first.
row-logout = What logout can do
row-logout-cookie = Ask the browser to forget. A copy made earlier keeps working.
row-logout-signed = The same: the browser forgets, and a copy stays valid until it expires.
row-logout-session = Delete the record: every copy of the id stops working at once.
row-revocation-signed = Only by changing the key, which logs everyone out, or by keeping a list of revoked tokens or a version number per user that every request checks. That is server state and a lookup per request again (OWASP JSON Web Token Cheat Sheet for Java, "Token Explicit Revocation by the User").
row-csrf = Sent along when another site starts the request (CSRF)
row-csrf-cookie = Yes, as every cookie is. SameSite=Lax, set here, keeps them off cross-site POST requests but not off top-level links (RFC 6265bis, section 4.1.2.7). This flow has no token of its own.
row-csrf-signed = Yes: the signature proves who the user is, not that the user meant to send the request. Forms need SameSite, an Origin check or a token as well.
row-csrf-session = Yes: a server session does not stop CSRF by itself. Here every form of the flow also carries the session's token (OWASP Cross-Site Request Forgery Prevention Cheat Sheet, "Synchronizer Token Pattern").
row-scaling-signed = Only the signing key: every server that has it checks tokens without asking anyone. This is the signed cookie's real advantage.
row-capacity-signed = The payload must fit in one cookie (4096 bytes for name and value, RFC 6265bis section 5.6) and travels with every request, so it stays small: here user, role and expiry.
explain-seed-title = The Flask-Session tutorial's table, and what holds
explain-seed-lead = This lesson began from a Korean Flask-Session tutorial. Its comparison table is quoted as written, with a translation; the last column says what holds, with this server's numbers.
seed-col-row = Row
seed-col-cookie = Cookie, as written
seed-col-session = Session, as written
seed-col-holds = What holds
seed-where-cookie = (the user's browser)
seed-where-session = (stored inside the server)
seed-where-holds = Right about where the state lives, but a session needs the browser too: its id is a cookie, and every cookie rule applies to it. And a cookie may hold a signed token rather than raw data.
seed-security-cookie = (average)
seed-security-session = (excellent)
seed-security-holds = Security depends on what the cookie holds, not on the word "cookie". Credentials in cookies are broken; a signed cookie cannot be edited but cannot be revoked either; a session id is a bearer token, as good as a password while it lives (OWASP Session Management Cheat Sheet, "Introduction").
seed-speed-cookie = (fast)
seed-speed-session = (average: the server needs time to process)
seed-speed-holds = Measured here: a signature check takes { $hmac } µs and a lookup in the { $store } store { $lookup } µs, both small beside one network round trip. Only the anti-pattern is slow, because it verifies a password hash on every request ({ $hash } µs).
seed-expiry-cookie = (can live a long time)
seed-expiry-session = (the time can be set, but it always expires when the session ends)
seed-expiry-holds = Both have a lifetime. A cookie lives until its Max-Age or Expires, at most 400 days in browsers that follow RFC 6265bis (section 5.6.2), or until the browser session ends. A server session ends when the server decides: here after { $idle } seconds idle or { $absolute } seconds after login, or at logout. Closing the browser ends neither the record nor, with tab restore, always the cookie.
seed-more-title = Three more corrections to the tutorial's code
seed-more-encrypted = It calls Flask's default session an "encrypted cookie". Flask signs that cookie (itsdangerous, HMAC-SHA1) but does not encrypt it: anyone can decode the payload, and nobody without the key can change it. Signing protects integrity, encryption protects confidentiality; the signed flow here shows the difference.
seed-more-password = Its login puts the plain password into the session (session["passwd"]) and its page prints it. A session should hold the least it needs (here: user, role, form token and times). A password belongs only in a slow hash, never in a session record or on a page.
seed-more-logout = Its logout is a GET link that sets the session's fields to None. Any page can trigger a GET (an image tag is enough), so logout should be a POST with a token; and it should delete the server's record and expire the cookie, as /session/logout does here (OWASP Session Management Cheat Sheet, "Manual Session Expiration").
row-where = Where the login lives
row-where-cookie = In the browser: three cookies holding the username, the password and the role.
row-where-session = On the server, in the { $store } store. The browser holds only a random id.
row-bytes = Bytes of the flow's own cookies in each request
row-bytes-last = in the last request
row-bytes-avg = on average over { $n } requests
row-no-data = Nothing measured yet: log in through this flow, open a page, then reload this one.
row-speed = Measured on real requests to this server so far
row-capacity = Capacity
row-capacity-cookie = Browsers need only keep 4096 bytes per cookie and 50 cookies per site (RFC 6265, section 6.1). The RFC 6265bis draft makes it exact: a cookie whose name and value together exceed 4096 bytes is ignored (section 5.6). The server usually refuses first: nginx's default header buffer is 8 KB, and every cookie of the site travels in one Cookie header of every request.
row-capacity-session = As much as the store holds; only the id travels. Each record costs the store memory or disk (the row "What the server keeps" above).
row-revocation = Revocation
row-revocation-cookie = Only by changing the password.
row-revocation-session = Delete the record: the instructor's Revoke, "log out everywhere else", and a password change all do it here.
row-scaling = Several servers
row-scaling-cookie = Any server can check the cookies, if it can reach the account database and pay for a password hash on every request.
row-scaling-session = A shared session store ({ $store } here) that every request asks once, or a load balancer that keeps each client on one server.
explain-table-measured = The first three rows come from probes that ran { $ago } seconds ago on this server with its configuration: one Argon2id verification against a stored hash, 2000 signature checks of a token for abc, and 32 lookups of an id in the configured store (an id that is not there; for the file store that is cheaper than reading a record). They run at most once a minute. The rows measured on real requests fill in as people use the flows.
explain-stores-title = Where the server keeps sessions: six stores
explain-stores-lead = The session flow works the same on every store; what changes is what survives a restart, who else can read the sessions, and whether the store may drop one on its own. The Flask-Session tutorial lists five places (filesystem, redis, memcached, mongodb, sqlalchemy); this server offers six, MongoDB excepted (it cannot be installed on these machines, so it could not be tested).
stores-col-store = Store
stores-col-app-restart = Sessions survive a restart of the app
stores-col-server-restart = …and a restart of the store's server
stores-col-shared = Several instances share them
stores-col-drops = May drop a live session
stores-col-rate = Logged-in /session page, measured
stores-current = this server
stores-rate = { $n } pages/s
stores-yes = yes
stores-no = no
stores-no-server = no server: nothing else to restart
stores-one-machine = only instances on the same machine (one folder or one file)
stores-if-persisted = only if Redis saves to disk (RDB or AOF)
stores-if-policy = only if Redis is given a maxmemory eviction policy
stores-lru = yes: when memory is full, memcached evicts the least recently used items, live sessions included
stores-where-memory = a hash map in this process's memory
stores-where-file = one file per session in session_dir
stores-where-sqlite = one row per session in a SQLite file beside the app
stores-where-redis = one key per session on a Redis server
stores-where-postgres = one row per session in a PostgreSQL table
stores-where-memcached = one item per session in memcached, a cache
explain-stores-measured = The rates come from scripts/bench (release build, 16 connections, medians of three rounds) on a 2-core machine, each store on the same loopback machine as the app; they are not this server's own measurements. A network hop to Redis, PostgreSQL or memcached adds its round trip to every page.
explain-proscons-title = The Flask-Session tutorial's pros and cons of sessions, checked
explain-proscons-lead = Each claim as the Flask-Session tutorial makes it, and what holds.
proscons-claim = Claim
proscons-verdict = What holds
claim-1 = Kept on the server, so it is easy to manage.
verdict-1 = True: the server decides what a session holds and when it ends, and can end it at any moment.
claim-2 = It keeps a certain level of security.
verdict-2 = Only with care: the id is a bearer token. It needs enough randomness, HttpOnly, Secure over HTTPS, SameSite, a fresh id at login, and timeouts. A stolen id is a stolen login.
claim-3 = It can be managed independently of the browser.
verdict-3 = Not quite: the browser must still store and send the id, usually in a cookie, with all the cookie rules that apply.
claim-4 = No limit on the number or size of sessions.
verdict-4 = The limit moves to the server: memory, disk or Redis, and it must be cleaned (this app sweeps expired sessions).
claim-5 = Only the id travels, so the network barely notices.
verdict-5 = Partly. The id stays the same size whatever the session holds, while a cookie that carries the state grows with it. But measured above, abc's three cookies are about as long as one id: the real difference is what the bytes say, not how many there are.
claim-6 = Many sessions can burden the server.
verdict-6 = True, and more: several servers need a shared store, and if that store is down, nobody can log in.
explain-myths-title = Common misconceptions
myth-permanent = "SESSION_PERMANENT = True keeps the session while the browser is open; False ends it after PERMANENT_SESSION_LIFETIME." (the Flask-Session tutorial)
myth-permanent-fact = The reverse. A permanent session gets a cookie with an expiry date, PERMANENT_SESSION_LIFETIME from now, so it survives closing the browser. A non-permanent one gets a memory cookie without Expires or Max-Age, which the browser drops when its session ends. With Flask-Session the server-side record also expires after PERMANENT_SESSION_LIFETIME either way.
myth-secure = "Sessions are secure; cookies are not."
myth-secure-fact = A session id is itself a cookie, and it is as good as a password while the session lives: anyone who steals it (through XSS without HttpOnly, an unencrypted network without Secure, a log file, a shared computer) is logged in as you. The OWASP Session Management Cheat Sheet says so in its introduction: once a session is authenticated, its id is temporarily equivalent to the strongest authentication method the application uses.
myth-memory = "A memory cookie is gone when you close the browser."
myth-memory-fact = A cookie without Expires or Max-Age is kept until the browser session ends (RFC 6265, section 5.3), but browsers that restore the previous session may keep it much longer (MDN, Using HTTP cookies, "Removal: defining the lifetime of a cookie"). Do not rely on it for logout: end sessions on the server.
myth-httponly = "HttpOnly hides the cookie from the user and the network."
myth-httponly-fact = HttpOnly only keeps the cookie from scripts in the page (document.cookie). It still travels in every request and the user can still see it in the browser's tools. HTTPS is what hides it on the network; the Secure attribute only makes sure the browser never sends it over a plain-HTTP request, where anyone on the path could read it.
myth-localstorage = "A token in localStorage is safer than a cookie."
myth-localstorage-fact = Any script running in the page can read localStorage, so one XSS hands the token to the attacker, who can then use it from anywhere for as long as it lives. An HttpOnly cookie cannot be read by scripts at all; an XSS can still send requests with it while the page is open, but cannot take it away. The OWASP HTML5 Security Cheat Sheet says it directly ("Local Storage"): do not store session identifiers in local storage, because the data is always accessible by JavaScript.
myth-path = "Path=/cookie keeps those cookies away from the rest of the site."
myth-path-fact = Path only decides which requests carry a cookie; it is not a security boundary. A script on another path of the same origin can open a page under /cookie in a frame and read its cookies there (RFC 6265, section 8.5 "Weak Confidentiality": cookies do not always provide isolation by path). In the XSS lesson, what keeps a post on one board from the other flow's cookies is the boards' Content-Security-Policy and sandbox, which forbid frames, pop-ups and requests anywhere but the collector, not the Path attribute.
myth-prefix = "__Host- and __Secure- are just naming conventions."
myth-prefix-fact = Browsers enforce them. A cookie named __Secure- is accepted only with Secure from a secure origin; one named __Host- also needs Path=/ and no Domain, so neither a sibling subdomain nor a plain-HTTP page can plant or overwrite it (RFC 6265bis, section 4.1.3 "Cookie Name Prefixes"). With cookie_secure on, this app names its session cookie __Host-sid.
myth-store-dump = "Whoever copies the session store can take over every session."
myth-store-dump-fact = Not here. Each record is filed under a BLAKE2s hash of its id, never the id itself, so a listing of the file store's folder or of the Redis keys gives no value a browser could present. The hash is not keyed: it holds because the ids are 256 random bits that nobody can enumerate, not because of a secret. The records themselves (user, role, times, form token) are still worth protecting. The lab's desks, which hold the hijack lesson's copy of an id, are kept in Redis sealed with a key derived from signing_key: set it, or a copy of Redis holds that key too.
explain-sources-title = Sources
source-rfc = cookie syntax, attributes, expiry, limits
source-mdn = attributes and browser behaviour
source-owasp = ids, timeouts, renewal, cookie attributes
source-flask = what SESSION_PERMANENT really does

## /instructor
instructor-title = Instructor dashboard
instructor-live = live sessions
instructor-filter = Find a session by user name
instructor-start-link = Start the class: the join address, the lesson order and what to switch on
start-title = Start the class
start-join-hint = Students open this address on a phone or laptop (or scan the code), register their own account at /register, and log in. Every page of a student's session shows its fingerprint in the inspector's last pane: that is how you find the student in the dashboard.
start-order-title = The lessons, in teaching order
start-order-hint = Each lesson takes about five minutes. Switch a preset on for its lesson only and off afterwards; "Reset the class" on the dashboard ends every student session and switches every preset off.
start-preset-expiry = switch on: the 30-second expiry
start-preset-weak = switch on: weak session ids
start-preset-board = optional: the class board
instructor-lab-state = Lab state kept now: lab desks { $desks }, inspector receipts { $receipts }. Events held back by the per-address rate limit: { $dropped }.
instructor-lead = Every live session on this server's { $store } store. Sessions are shown by fingerprint, never by id: this screen is meant for a projector.
instructor-key-apart = This server could not reach Redis when it started and signs with a key of its own: signed cookies and lab forms from it work on this server only. Restart it now that Redis answers, or set signing_key on every server.
instructor-only = This dashboard is for the instructor's session only. Your session's record says you are a student, and no cookie can change that.
instructor-sessions = { $n ->
    [one] { $n } live session
   *[other] { $n } live sessions
}
instructor-col-fingerprint = Fingerprint
instructor-col-user = User
instructor-col-role = Role
instructor-col-instance = Instance
instructor-yours = your session
instructor-revoke = Revoke
instructor-none = No live sessions.
instructor-no-match = No live session belongs to a user whose name contains that.
instructor-rows-hidden = { $n ->
    [one] 1 more session is not shown: type a user name above to find it.
   *[other] { $n } more sessions are not shown: type a user name above to find them.
}
instructor-fingerprint-hint = A fingerprint is the start of a one-way hash of the id. It tells sessions apart, and cannot be turned back into an id. Revoking deletes the record: the next request with that id is refused.
instructor-held-newest = Below: the newest session, #{ $fingerprint }, exactly as the store keeps it (the CSRF token left out).
instructor-revoked-nobody = No live session of { $user }: nothing was revoked. Check the spelling, or the list below.
instructor-reset-confirm = Reset the class? Every session but yours ends, and the lab's posts, collected data and presets are cleared.
instructor-revoke-all-confirm = End every session but yours? Every student has to log in again.
instructor-revoked = { $n ->
    [one] { $n } session revoked.
   *[other] { $n } sessions revoked.
}
instructor-revoke-user-title = Revoke every session of a user
instructor-revoke-user = Revoke all of this user's sessions
instructor-revoke-all-title = Revoke every session
instructor-revoke-all-hint = Every student is logged out of the session flow at once. Your own session stays, so this page stays open. The cookie flow cannot be revoked at all: there is nothing on the server to delete.
instructor-revoke-all = Revoke all but mine

## The lab
nav-lab = Security lab
lab-next = Next lesson:
lab-all = Back to all lessons
lab-title = Security lab
lab-lead = Attacks you can try on yourself, against the flows side by side. Each lesson says what to do, what you will see in each flow, why, and how real systems prevent it. The attacker's tools are built in: no second browser and no developer tools needed.
lab-weak-label = A deliberately dangerous tool, for this lesson only
lesson-do = What to do
lesson-see = What you will see
lesson-why = Why
lesson-prevent = How real systems prevent it
lesson-refs = References
tamper-title = Tamper: edit your own cookies
tamper-summary = Change your role cookie to instructor and see which staff page lets you in. Then try to become someone else by editing the session id.
tamper-step-1 = Log in as the student abc in both flows (Side by side is quickest).
tamper-step-2 = In the cookie editor, leave role and instructor, and press Set. The two frames below reload.
tamper-step-3 = The cookie flow's staff page lets you in; the session flow's does not.
tamper-step-4 = Now choose sid, type anything, and press Set. Open the session flow: you are simply logged out.
tamper-editor-title = Cookie editor
tamper-editor-name = Cookie
tamper-editor-value = New value
tamper-editor-set = Set it in my browser
tamper-editor-hint = It writes the cookie with the same Path and attributes as its flow, so your browser replaces the real one, exactly what anyone can do with the browser's developer tools.
tamper-edited = Your browser now holds the { $name } you typed.
tamper-staff-open = lets you in as instructor
tamper-staff-refused = refuses you: the server knows your real role
tamper-staff-login = not logged in to this flow: log in first
tamper-see-cookie = The staff page opens for role=instructor, even though the account store says abc is a student: the server believed a value the client wrote.
tamper-see-session = The staff page stays closed: the role is read from the session record on the server, which no cookie can change. An edited sid names no session, so it only logs you out.
tamper-why = A cookie is whatever the client sends. Nothing in it is protected unless the server protects it, and a plain role cookie is just text. The session flow sends nothing the server trusts except an id too random to guess.
tamper-prevent = Never decide authorisation from client-controlled data. Keep roles on the server (in the session record or the account), or, where state must live in the client, sign it so that changes are detected (the signed-cookie approach, as in Flask's default session or a JWT), and still re-check permissions on the server.
tamper-ref-owasp = keep session data on the server; never trust the client with authorisation
hijack-title = Hijack: replay a stolen cookie
hijack-summary = Copy your own cookies, replay them as an attacker from another "browser", then log out and replay again. One flow's stolen cookies keep working; the other's stop the moment the session ends.
hijack-step-1 = Log in as abc in both flows.
hijack-step-2 = Cookie flow: open the cookie flow, copy the cookies that the "JavaScript can read" pane shows (any script on the page could), and paste them below. Press Replay.
hijack-step-3 = Session flow: press "Sniff my session id", as someone watching an unencrypted network would, then Replay. Both replays show the attacker logged in as abc.
hijack-step-4 = Log out of both flows, come back and replay both again.
hijack-step-5 = Instructor: log in again as a student, sniff, then revoke that session on the dashboard. The next replay is refused at once.
hijack-attacker-title = The attacker's browser
hijack-paste = Stolen Cookie header (cookie flow)
hijack-replay = Replay as the attacker
hijack-steal = Sniff my session id
hijack-stolen = The attacker holds:
hijack-nothing-stolen = The attacker holds nothing yet. The id is kept on the server and never shown: printing it here would hand it to any script.
hijack-replayed = { $n ->
    [one] Replayed { $n } second ago:
   *[other] Replayed { $n } seconds ago:
}
hijack-attacker-in = The attacker is logged in as { $user }.
hijack-attacker-staff = ...and the staff-only page opens for them.
hijack-nothing-pasted = Nothing to replay: the paste held no username, password or role. Copy what the cookie flow's "JavaScript can read" pane shows, all of it or any part, and paste it again.
hijack-attacker-out = Refused: the attacker is not logged in.
hijack-see-cookie = The replay logs the attacker in, and keeps doing so after you log out: logout only asked your browser to forget, and the password in the stolen cookies stays valid until it is changed.
hijack-see-session = The replay works while your session lives, and is refused the moment you log out, it expires, or the instructor revokes it: the id means nothing once the server deletes its record.
hijack-why = Whoever presents a valid credential is you. A password travels with every cookie-flow request and never expires by itself; a session id is a temporary credential whose life the server controls.
hijack-prevent = Keep ids unreadable to scripts (HttpOnly) and off unencrypted networks (HTTPS and Secure), keep sessions short (idle and absolute timeouts), delete them on logout, let users and administrators revoke them, and issue a fresh id at every login. Never put passwords in cookies.
hijack-ref-owasp = session expiration, logout, HttpOnly and Secure, renewal of the id
instructor-events-title = Live events
instructor-events-empty = Waiting for the class: logins, logouts and revocations appear here as they happen.
instructor-feed-live = Live: events from every server of this class arrive as they happen.
instructor-feed-reconnecting = Reconnecting: events may arrive late; nothing kept is lost, and the list fills in when the feed is back.
flow-label = { $flow ->
        [cookie] cookie
        [session] session
       *[signed] signed
    }
event-login = { $user } logged in ({ $flow } flow)
event-logout = { $user } logged out ({ $flow } flow)
event-login-failed = failed login as "{ $user }" ({ $flow } flow)
event-revoked = session revoked: { $user }
event-throttled = password checks for "{ $user }" paused after too many failures ({ $flow } flow)
event-expired = { $user } expired sessions freed by the sweep
instructor-presets-title = Lesson presets
preset-expiry-on = 30-second expiry is ON: new sessions end after { $s } idle seconds.
preset-expiry-off = New sessions end after { $s } idle seconds (the configured timeout).
preset-expiry-switch-on = Switch on the 30-second expiry
preset-expiry-switch-off = Switch the short expiry off
instructor-reset = Reset the class
instructor-reset-hint = Revokes every session but yours, forgets what the lab's attacker holds and every inspector receipt, and switches the presets off.
expiry-title = Expiry: sessions that end by themselves
expiry-summary = Watch a session end after a period without requests, keep one alive by using it, and see what "keep the cookie" changes in each flow.
expiry-now = Right now a new session ends { $idle } seconds after its last request, and { $absolute } seconds after login at the latest.
expiry-step-1 = Instructor: switch on the 30-second expiry on the dashboard (the Flask-Session tutorial's demo). Everyone: log in to the session flow below after that.
expiry-step-2 = Watch the countdown in the inspector's "server stores" pane. Do nothing until it reaches zero, then reload the frame: you are logged out.
expiry-step-3 = Log in again and click around inside the frame every few seconds: each request starts the idle countdown again.
expiry-step-4 = Log in to both flows once with "keep the cookie" and once without, and compare the Set-Cookie lines in the inspector: Max-Age appears only with it.
expiry-see-session = The session ends on the server when its time is up, whatever the browser does: the countdown reaches zero, and the next request finds no record.
expiry-see-cookie = Nothing expires on the server, because the server keeps nothing. The login lasts as long as the browser keeps the cookies, and a copy of them never expires.
expiry-memory-title = Memory cookies and persistent cookies
expiry-memory = Without "keep the cookie" the cookie has neither Expires nor Max-Age: a memory (session) cookie that the browser drops when its session ends, though browsers that restore tabs may keep it. With it, Max-Age makes a persistent cookie that survives restarts. Either way, in the session flow the server alone decides when the session ends; if the cookie dies first (a memory cookie when the browser closes), the session lingers on the server, unreachable, until a timeout ends it; if the session ends first, the browser keeps sending an id that no longer opens anything.
expiry-why = An idle timeout limits how long a forgotten, unlocked computer or a stolen id stays useful; an absolute timeout limits even an id that is used all the time.
expiry-prevent = Enforce both timeouts on the server (the OWASP Session Management Cheat Sheet, "Idle Timeout", gives 2 to 5 minutes for high-value applications and 15 to 30 minutes for low-risk ones), end the session on logout, and do not rely on the browser forgetting a cookie.
fixation-title = Fixation: an id planted before login
fixation-summary = The attacker plants a session id in your browser before you log in. A login that keeps that id hands your session to the attacker; a login that draws a fresh id does not.
fixation-step-1 = Attacker: press "Plant an id in this browser". The attacker now knows an id, and your browser holds it as its sid.
fixation-step-2 = Victim: log in with the vulnerable login, which keeps the id your browser brought. Attacker: replay the planted id. You are logged in as the victim.
fixation-step-3 = Plant a new id, then log in with the real session flow instead, and replay again: refused.
fixation-step-4 = Look at the session flow's inspector after each login: the real login's Set-Cookie carries a new id.
fixation-attacker = The attacker
fixation-victim = The victim
fixation-plant = Plant an id in this browser
fixation-planted = The attacker planted, and remembers:
fixation-replaced = (your browser no longer holds it: a login replaced it)
fixation-nothing-planted = Nothing planted yet.
fixation-unsafe-label = A login that keeps the id (vulnerable)
fixation-safe-label = The session flow's real login (a new id at login)
fixation-login-unsafe = Log in, keeping my session id
fixation-login-safe = Log in with the real session flow
fixation-see-unsafe = The session is created under the planted id, so the attacker's replay is logged in as you.
fixation-see-session = The real login deletes whatever id you brought and draws a new one; the planted id names nothing, and the replay is refused.
fixation-see-cookie = There is no id to plant: but an attacker who can set your cookies can log you in as them, or read your password once you type it, which is worse.
fixation-why = An id known before login stays known after it. If logging in only marks an existing session as authenticated, whoever chose or saw that id before is authenticated too.
fixation-prevent = Issue a new session id at every login and every change of privilege (ASVS 5.0 requirement 7.2.4), and never accept an id the server did not issue or one taken from a URL. SameSite does not help here: it decides when a browser sends a cookie, not who may set one. Attackers plant ids through a sibling subdomain that sets a cookie for the parent domain, through XSS, or by injecting a Set-Cookie into a plain-HTTP response; the __Host- name prefix (host-only, Secure, Path=/) and HSTS close those routes.
wire-title = This request, as it crossed the network
wire-bytes = { $bytes } bytes of request line and headers, sent in clear text over plain HTTP.
wire-note-cookie = The highlighted text is your password. It crosses the network with every request to this flow.
wire-note-session = The stars stand for the session id: a page must not print it where scripts could read it, but anyone watching an unencrypted network sees every character.
wire-note-signed = The stars stand for the signed token: a page must not print it where scripts could read it, but anyone watching an unencrypted network copies every character, and the copy works until the expiry inside it.
sniff-title = Sniff: what crosses the network
sniff-summary = The exact bytes of one request in each flow, as anyone on the same unencrypted network could read them, and what HTTPS and the Secure attribute change.
sniff-step-1 = Log in to both flows (Side by side is quickest), then come back here.
sniff-step-2 = Read each frame: one request each, request line and headers, as they travelled.
sniff-step-3 = Find your password in the cookie flow's request. Then look for anything secret in the session flow's.
sniff-secure-off = This server runs without cookie_secure: the sid cookie has no Secure attribute, so a browser would also send it over plain HTTP. Set cookie_secure = true behind HTTPS.
sniff-secure-on = This server sets Secure on the sid cookie: browsers send it only over HTTPS.
sniff-see-cookie = The password, in clear text, in every request. Anyone who sees one request has the password, for good.
sniff-see-session = Only the id. Whoever sees it can use it until the session ends, but never learns the password, and logout or a timeout makes it worthless.
sniff-https-title = What HTTPS and Secure change
sniff-https = HTTPS encrypts the whole request, headers and cookies included, between the browser and the server: a network sniffer sees only scrambled bytes. It does nothing for what the browser and the server hold: the cookie flow's password still sits in the browser, readable by scripts, and still reaches the server on every request.
sniff-secure = The Secure attribute tells the browser never to send a cookie over plain HTTP, so one unencrypted request (a typed http:// address, a downgraded link) cannot leak it. HSTS (Strict-Transport-Security) makes the browser use HTTPS for the whole site.
sniff-why = Cookies travel in request headers; over plain HTTP, headers are text that any machine on the path can read.
sniff-prevent = Serve everything over HTTPS, mark session cookies Secure (and HttpOnly, SameSite), send HSTS, and never put a password or anything long-lived in a cookie.
xss-title = XSS: a script that reads your cookies
xss-summary = A message board that prints posts without escaping them, under each flow. Post a script that sends document.cookie to the lab's collector, and see what each flow gives away.
xss-step-1 = Log in as abc in both flows.
xss-step-2 = Open the cookie flow's board and post the script below. The page reloads and your post runs in your browser.
xss-step-3 = Do the same on the session flow's board.
xss-step-4 = Open "What the collector received": the cookie flow's post sent your username, password and role; the session flow's sent no sid.
xss-payload-hint = Each post carries its own collector address with a ticket for your browser; the script finds it with document.currentScript. A board script can reach only the collector: this page's policy blocks every other request, frame and popup.
xss-open-cookie = Cookie flow's board
xss-open-session = Session flow's board
xss-see-cookie = The script reads username, password and role from document.cookie and sends them away. An attacker now has the password itself.
xss-see-session = The script runs just the same, but document.cookie holds no sid: HttpOnly keeps it from every script. (The script could still act as you while the page is open, which is why XSS must be prevented, not only contained.)
xss-why = Whatever a page prints without escaping becomes part of the page, scripts included, and runs with the page's full powers: it can read every cookie not marked HttpOnly and send requests as you.
xss-prevent = Escape all output by default (this app's templates do, everywhere but this board), validate input, send a Content-Security-Policy that forbids inline scripts, mark session cookies HttpOnly, and never keep secrets where scripts can reach them.
board-title = Message board
board-weak-label = Deliberately unsafe: posts are printed without escaping
board-contained = Contained: a post's markup runs only in its author's browser. Everyone else sees it as text.
board-class-on = Class board ON: every post's markup runs in every student's browser (never in an instructor's).
board-instructor-safe = You are the instructor, or an instructor logged in from this browser: posts are always shown here as text, never run.
board-write = Your post (HTML is allowed here, on purpose)
board-post = Post
board-anonymous = anonymous
board-escaped = shown as text
board-empty = No posts yet.
board-login-needed = Log in to this flow first. A post's script reads what your browser holds for this flow; without a login there is nothing to read, and an empty result would look like safety.
board-feedback-title = What your post's script sent to the collector
board-feedback-empty = Nothing yet: post the lesson's script below, and what it reads appears here.
board-feedback-hint = The newest item from this flow's board; everything is on the collector's page:
board-source = The markup this post ran
stolen-title = What the collector received
stolen-lead = What scripts on the boards sent to /lab/stolen, from your browser or from your posts. Only you and the instructor see this.
stolen-empty = Nothing received yet.
stolen-nothing-readable = (an empty document.cookie: nothing readable)
preset-board-switch-on = Switch on the class board
preset-board-switch-off = Switch the class board off
instructor-posts = Board posts
instructor-delete-post = Delete this post
instructor-join-title = Students join here
instructor-join-qr = QR code of the address students join at
instructor-join-loopback = This is a loopback address: students' devices cannot reach it. Start the server with ROCKET_ADDRESS=0.0.0.0 and open this dashboard through the machine's network address.
banner-weak-ids = WEAK SESSION IDS ARE ON: new sessions get guessable counter ids (the guess lesson). Do not use real accounts.
preset-weak-off = Session ids come from the operating system's CSPRNG (256 bits).
preset-weak-switch-on = Switch on weak (counter) session ids
preset-weak-switch-off = Switch weak ids off
event-guess-failed = a session id guess missed
event-guess-hit = a guessed id found { $user }'s live session
guess-title = Guess: can a session id be predicted?
guess-summary = Four ways to make an id, side by side, with how many guesses each needs, and a calculator. With the instructor's weak-id preset on, take over a classmate's session by guessing it.
guess-step-1 = Look at the generators: a counter, a timestamp, md5 of a counter, and the CSPRNG this app uses. Which could you predict?
guess-step-2 = Use the calculator: how long would a billion guesses a second take against 30 live sessions, for each generator's bits?
guess-step-3 = Instructor: switch on weak session ids. Everyone logs in to the session flow again with their own account (register one at /register first, so that a hit names a classmate), then comes back here: your own id and its counter appear below.
guess-step-4 = Press "Try the id after" (or "before") a few times. A hit names the classmate whose live session that id opens; press "Use it" and this browser is them (the line "This browser now acts as" says so, and the session flow agrees). Then the instructor switches weak ids off and everyone logs in again.
guess-generators = Generators
guess-col-generator = Generator
guess-col-samples = Three ids it would give now
guess-col-bits = Bits to guess
guess-gen-counter = A counter
guess-gen-timestamp = The login time
guess-gen-md5 = MD5 of a counter
guess-gen-csprng = CSPRNG, 256 bits
guess-note-counter = Each id is the previous one plus one: knowing yours gives away everyone's. The bits are those of the number of ids issued so far.
guess-note-timestamp = The login time in milliseconds: a minute holds 60 000 of them, so an attacker who knows the minute needs at most 60 000 tries, 30 000 on average.
guess-note-md5 = Hashing a guessable value adds nothing: hash the counter values near yours and you have the ids.
guess-note-csprng = 256 bits from the operating system: nothing to predict, nothing to enumerate.
guess-calculator = Brute-force calculator
guess-calc-bits = Bits of entropy
guess-calc-rate = Guesses per second
guess-calc-sessions = Live sessions to hit
guess-calc-go = Calculate
guess-calc-answer = On average, the first hit comes after { $time }.
guess-try-title = Try an id
guess-own-id = Your own session id, shown only while weak ids are on:
guess-candidate = Session id to try
guess-try = Try it
guess-no-start = There is no weak id to start from: while weak ids are on, log in to the session flow again, then come back here.
guess-neighbour-hint = Each press decodes the last id tried (at first, your own), adds or subtracts one, and encodes it again, as an attacker would by hand.
guess-next = Try the id after
guess-previous = Try the id before
guess-counter = counter { $n }
guess-own-counter = Decoded from base64url it is counter number { $n }: the next student's id is number { $n } + 1, encoded the same way.
guess-own-user = This browser now acts as { $user }.
guess-hit = Hit: this id is { $user }'s live session.
guess-use = Use it: take { $user }'s session in this browser
guess-tried = You tried:
guess-hit-ended = That session has ended since: the id no longer opens anything.
guess-miss = Miss: no live session has this id.
guess-see-session = With the CSPRNG every guess misses, forever. With weak ids the neighbours of your own id are your classmates' sessions.
guess-see-cookie = There is no id to guess, but there is a password: the cookie flow is only as strong as its users' passwords, and it checks them on every request.
guess-why = An id's strength is the number of values an attacker must try, and nothing else. Counters, clocks and hashes of them have few. ASVS 5.0 requirement 7.2.3 asks for session tokens from a CSPRNG with at least 128 bits of entropy; the OWASP Session Management Cheat Sheet (Session ID Entropy) sets its floor at 64.
guess-prevent = Generate ids with a cryptographically secure random generator (at least 128 bits of entropy, ASVS 5.0 requirement 7.2.3; this app uses 256), never from counters, clocks or user data, and watch for many failed lookups.

## The signed flow
nav-signed = Signed flow
signed-flow-name = Signed flow: a cookie the server signs
signed-login-title = Log in: signed flow
signed-login-lead = When you log in here, the server writes who you are (user, role, expiry) into one cookie and signs it with a key only it knows. This app signs with HMAC-SHA256, as an HS256 JWT does; Flask's default session works the same way but signs with HMAC-SHA1 through itsdangerous. It keeps nothing: the signature is the proof.
signed-remember-hint = Without this box the cookie is a memory cookie. With it, Max-Age keeps it until the token's own expiry, which the signature protects.
signed-home-verified = The server remembered nothing about you. It read your user and role from the cookie and checked the signature: nobody without the key could have written that.
signed-role = Role, from the signed payload
signed-logout-hint = Logging out asks your browser to delete the cookie. The server keeps no list of tokens, so a copy taken earlier still works until it expires.
signed-rejected = Your browser sent a signed cookie, but its signature did not match or it has expired, so you are not logged in.
signed-staff-why-in = The role came from the signed payload: you could read it, but not change it without breaking the signature.
signed-staff-hint = The role is in your cookie, readable by anyone, but signed: edit it and the signature no longer matches.
pane-js-signed = The signed cookie is HttpOnly: scripts cannot read it. You still can: its payload is only encoded, not encrypted.
pane-stores-signed = Nothing about you: only the signing key. Everything else travels in the cookie.
pane-stores-signed-payload = The payload your cookie carries, decoded as anyone could (the signature is not shown):
facts-password-signed = Nowhere: only a signed statement of who you are.
facts-logout-signed = Asks your browser to delete the cookie. A copy keeps working until its expiry.
compare-third = Show the signed flow as a third column
compare-two = Back to two columns
signed-lesson-title = Signed: state in the cookie, signed by the server
signed-lesson-summary = If sessions are safer, why use cookies at all? A third flow keeps the state in the cookie but signs it: readable, not forgeable, no store needed, and not revocable either.
signed-step-1 = Log in to the signed flow (the button below). Its inspector shows the payload: user, role and expiry, only encoded.
signed-step-2 = Press "Flip the role to instructor". The payload now says instructor, the signature is still the one for student. The line "Signed flow now" turns to not logged in: the server refused a payload its key did not sign. Log in again for step 3.
signed-step-3 = Press "Keep a copy of my token" (an attacker who sniffed it would have one), log out at /signed, then press "Replay the copy": it still logs in, with the seconds it has left. Nothing on the server can shorten them.
signed-step-4 = Compare the three flows side by side: what travels, what JavaScript sees, what the server keeps, and what logout really does.
signed-nothing-copied = There is no copy to replay yet: press "Keep a copy of my token" first.
signed-replay-out = The copy no longer works: it has expired, or the server changed its key.
signed-replay-in = The copy logs in as { $user } (role { $role }) for { $s } more seconds, logged out or not.
signed-replay = Replay the copy
signed-copy-done = Copied. Now log out of the signed flow, then replay the copy.
signed-not-copied = The attacker holds no copy yet.
signed-copied = The attacker holds a copy of your token (kept on the server, never shown). Now log out at /signed and replay it.
signed-copy = Keep a copy of my token
signed-copy-title = A copy outlives logout
signed-login-first = There is no signed cookie in this browser: log in to the signed flow first.
signed-flip-done = Done: your signed cookie now claims instructor under the signature made for student. Look at "Signed flow now", or open /signed/staff.
signed-flip-hint = Rewrites your own signed cookie: role instructor in the payload, the old signature after the dot.
signed-flip = Flip the role to instructor
signed-flip-title = Keep the signature, change the role
signed-now = Signed flow now:
signed-tools-title = The attacker's tools
signed-see = The payload is readable by anyone who has the cookie; editing it breaks the signature; the staff page trusts the signed role; logout cannot take back a copy, which works until it expires.
signed-why = A signature proves who wrote the data, not that it is still true or still wanted. The server keeps nothing, so it has nothing to delete.
signed-revoke-title = What revoking a signed cookie would take
signed-revoke = The server keeps nothing about the token, so it has nothing to delete. To end one token before its expiry it must remember something after all: a list of revoked tokens until they expire (a deny-list), or a version number per user that every token carries and every request checks. Both put state back on the server and a lookup back into every request, which is what the session flow does from the start. The other ways are blunt: short expiries with a refresh step, or a new key, which logs out everyone (OWASP JSON Web Token Cheat Sheet for Java, "Token Explicit Revocation by the User").
signed-revoke-try = See it here: log in to the signed flow and the session flow with an account of your own, then change its password at /session/password. Your other sessions end and the cookie flow's old copies stop verifying, but the signed token issued before the change keeps working until its expiry.
signed-prevent = Keep signed tokens short-lived, never put secrets in them (they are readable), rotate the key when it may have leaked, and keep a server-side list of revoked tokens (or a version per user) where logout must really end access.

## /lab/csrf
csrf-title = Cross-site request forgery (CSRF)
csrf-summary = A page of another site submits a form to this one, and your browser adds your cookies by itself. See which flow does what the forged form asks, and what stops it: SameSite, and a token the other site cannot know.
csrf-results-title = What the forged requests did
csrf-results-none = Nothing yet. Follow the steps below: the result of each forged request appears here, at the top.
csrf-result-cookies = Cookies the browser attached:
csrf-result-no-cookies = none of this app's
csrf-outcome-done = DONE as { $user }: the forged request would have sent 100 points to the attacker.
csrf-outcome-token = REFUSED: the browser sent { $user }'s session id, but the form did not carry the session's token.
csrf-outcome-no-login = NOT LOGGED IN: the browser did not attach this flow's login cookies, so the request did nothing.
csrf-outcome-rejected = NOT LOGGED IN: the cookies that came along did not verify.
csrf-you-are = Logged in now:
csrf-nobody = not logged in
csrf-step-1 = Log in to the cookie flow and to the session flow (the buttons below). The line above them shows who you are in each.
csrf-step-2 = Press "Open the attacker's site: same site". It opens on another port of this server, which is another origin. Press the cookie flow's button there. You come back here, and the result at the top says DONE.
csrf-step-3 = Open the attacker's site again and press the session flow's button. The browser sent your sid all the same, but the result says REFUSED: the form had no token.
csrf-step-4 = Press "Open the attacker's site: another site" (offered when you use this server as 127.0.0.1 or localhost) and try the cookie flow again. With SameSite=Lax the browser leaves the cookies out of a cross-site POST: NOT LOGGED IN.
csrf-step-5 = Under "SameSite for the cookie flow", choose None and repeat step 4: now the cookies go along and the forged request is DONE. Choose Strict and repeat step 2: they still go along, because another port of the same host is the same site.
csrf-step-6 = On the attacker's site, press "Log me in as abc". The real login refuses a form from another origin (403). This is login CSRF, and why login forms need a defence too.
csrf-attacker-title = The attacker's site
csrf-open-same-site = Open the attacker's site: same site (port { $port })
csrf-open-cross-site = Open the attacker's site: another site ({ $host })
csrf-no-cross-site = You reach this server by a name without a loopback twin, so only the same-site variant is offered. On the server's own machine, open this page as 127.0.0.1 and the other variant appears.
csrf-site-down = The attacker's site could not start on this server (the server log says why).
csrf-samesite-title = SameSite for the cookie flow
csrf-samesite-lead = The cookie flow's three cookies carry SameSite={ $value }. Set them again with another value:
csrf-samesite-set = Done: the cookie flow's cookies were set again with SameSite={ $value }.
csrf-samesite-login-first = Log in to the cookie flow first: there are no cookies to change.
csrf-samesite-none-hint = SameSite=None needs Secure. Over plain HTTP, browsers accept a Secure cookie only from a loopback host such as localhost or 127.0.0.1; anywhere else the browser drops the cookies and you are logged out of the cookie flow.
csrf-see = The cookie flow does whatever a logged-in browser is made to send, from any page that gets the browser to submit a form: its cookies are the whole proof. The session flow's sid arrives just as well, but every form of that flow also carries a token only its own pages know, so the forged request is refused. A server session is not what stops CSRF; the token is.
csrf-why = Browsers attach a site's cookies to requests for that site, whichever page started them. SameSite limits this by where a request comes from: Strict never sends the cookie on requests another site starts, Lax sends it only on top-level navigations with a safe method such as GET, and None always sends it and requires Secure (RFC 6265bis, section 4.1.2.7 "The SameSite Attribute").
csrf-same-site-not-origin = Same site is not same origin. An origin is scheme, host and port; a site is the scheme and the registrable domain (for an address, the address itself). Another port of this host, or a sibling subdomain, is another origin on the same site, and SameSite does nothing against it. That is why the attacker's site on another port succeeds against the cookie flow even with SameSite=Strict.
csrf-login-csrf = Login CSRF turns the attack around: a forged login puts the victim's browser into the attacker's account, and whatever the victim then types or uploads lands there. A login form has no session token yet, so it needs a pre-session token or an Origin check. This app refuses every state-changing request from another origin except the three targets of this lesson (OWASP Cross-Site Request Forgery Prevention Cheat Sheet, "Possible CSRF Vulnerabilities in Login Forms").
csrf-prevent = Give every state-changing form a token tied to the session and check it on the server (OWASP Cross-Site Request Forgery Prevention Cheat Sheet, "Synchronizer Token Pattern"); add SameSite=Lax or Strict as a second layer; check Origin or Sec-Fetch-Site on state-changing requests; never change state on GET.
csrf-site-title = Congratulations, you have won!
csrf-site-banner = This page stands for another site. It is served from { $origin }, not from the lesson at { $victim }.
csrf-site-lead = Press a button to claim your prize. Each button is a form that posts to one flow of the lesson; your browser decides which cookies go along.
csrf-site-claim-cookie = Claim it (cookie flow)
csrf-site-claim-session = Claim it (session flow)
csrf-site-claim-signed = Claim it (signed flow)
csrf-site-login-title = Login CSRF
csrf-site-login-lead = This form posts abc's name and password to the lesson's real login, to put your browser into an account the attacker chose.
csrf-site-login = Log me in as abc
csrf-site-back = Back to the lesson
