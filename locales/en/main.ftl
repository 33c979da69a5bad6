## Layout and navigation
skip-to-content = Skip to content
nav-label = Main
nav-cookie = Cookie flow
nav-session = Session flow
nav-register = Create an account
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
field-remember = Keep me logged in after the browser closes
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
index-lead = Log in twice, once through each flow, and compare what your browser carries, what the server keeps, and what an attacker could do with either.
index-cookie-summary = Your username, your password and your role are written into three cookies. The browser sends them with every request, and the server checks the password again each time. The server remembers nobody.
index-session-summary = The server checks your password once, keeps a record of your login, and gives your browser only a random 256-bit id in a cookie that page scripts cannot read.
index-open-flow = Open this flow
index-try-title = Try this
index-try-1 = Log in through the cookie flow, then look at the Cookie header your browser sent: your password is in it.
index-try-2 = Log in through the session flow: the only cookie is a random id that means nothing by itself.
index-try-3 = Open both staff-only pages as a student. One of them believes whatever your cookies claim.
index-try-4 = Log out of each flow and ask yourself what a copy of your old cookies would still be worth.
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
session-rejected = Your browser sent a session id the server does not know: it expired, was revoked, or was never issued. The server asked your browser to forget it.
session-staff-why-in = The server read your role from its own session record for { $user }. Editing your cookies cannot change it.
session-staff-hint = The role comes from the server's record, not from anything your browser sends.

## Staff pages
staff-title = Staff only
staff-welcome = Welcome to the staff room.
staff-students-only = Only instructors may enter. Your role is { $role }.
staff-login-first = Log in first.

## Registration
register-title = Create an account
register-lead = A new student account works in both flows.
register-username-rule = 3 to 32 characters: lowercase letters, digits, _ . and -
register-password-rule = 4 to 64 characters. Use a throwaway password.
register-submit = Create account
register-created = The account { $user } is ready. Log in through either flow.

## Form and request errors
error-login-failed = That username and password do not match an account.
error-username-length = A username has 3 to 32 characters.
error-username-alphabet = A username may use only lowercase letters a-z, digits, and the characters _ . -
error-password-length = A password has 4 to 64 characters.
error-password-control = A password may not contain control characters.
error-username-taken = That username is taken. Choose another.
error-accounts-full = This server holds as many accounts as it will keep. Ask the instructor.
error-csrf-title = Form expired
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
error-503 = The session store is unavailable right now, so logins cannot be checked. Please try again in a moment.
