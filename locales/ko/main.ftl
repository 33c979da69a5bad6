## 레이아웃과 내비게이션
skip-to-content = 본문으로 건너뛰기
nav-label = 주 메뉴
nav-cookie = 쿠키 방식
nav-session = 세션 방식
nav-register = 계정 만들기
footer-served = 응답한 인스턴스: { $instance } · 세션 저장소: { $store }
footer-text = session-lab은 한 가지를 가르칩니다. 로그인 정보를 쿠키에 둘 때와 서버 쪽 세션에 둘 때 무엇이 달라지는지입니다. 쿠키 방식은 일부러 취약하게 만들었습니다.
back-home = 첫 화면으로
back-to-flow = 이 방식의 첫 화면으로

## 공통
login = 로그인
logout = 로그아웃
not-logged-in = 로그인하지 않은 상태입니다.
logged-in-as = { $user } 계정으로 로그인했습니다.
seconds = { $n }초
staff-link = 직원 전용 페이지에 들어가 보기
inspect-link = JSON으로 보기 (인스펙터)
field-username = 사용자 이름
field-password = 비밀번호
field-remember = 브라우저를 닫아도 로그인 유지
login-example = 기본 학생 계정으로 해 보세요. 사용자 이름 abc, 비밀번호 1234. 또는:

## 비밀번호를 받는 모든 폼에 붙는 경고
notice-title = 실제 비밀번호를 절대 입력하지 마세요.
notice-body = 이 앱은 교육용입니다. 쿠키 방식은 비밀번호를 평문 그대로 쿠키에 저장하므로, 페이지의 모든 스크립트와 브라우저를 만질 수 있는 사람, 암호화되지 않은 네트워크의 누구라도 읽을 수 있습니다.

## 브라우저가 보낸 것
sent-title = 이번 요청에 브라우저가 보낸 것
sent-bytes = 아래 Cookie 헤더는 { $bytes }바이트이며, 사이트의 이 영역으로 가는 모든 요청에 함께 실려 갑니다.
sent-nothing = 이번 요청에 브라우저는 쿠키를 보내지 않았습니다.

## 첫 화면
index-title = 쿠키일까 세션일까: 내 로그인은 어디에 있을까?
index-lead = 두 방식으로 한 번씩 로그인해 보고, 브라우저가 무엇을 들고 다니는지, 서버가 무엇을 보관하는지, 공격자가 각각으로 무엇을 할 수 있는지 비교해 보세요.
index-cookie-summary = 사용자 이름, 비밀번호, 역할이 쿠키 세 개에 그대로 적힙니다. 브라우저는 요청마다 이 쿠키를 보내고, 서버는 매번 비밀번호를 다시 확인합니다. 서버는 아무도 기억하지 않습니다.
index-session-summary = 서버는 비밀번호를 한 번만 확인하고 로그인 기록을 보관하며, 브라우저에는 페이지 스크립트가 읽을 수 없는 쿠키에 담긴 256비트 무작위 ID만 건넵니다.
index-open-flow = 이 방식 열기
index-try-title = 이렇게 해 보세요
index-try-1 = 쿠키 방식으로 로그인한 뒤 브라우저가 보낸 Cookie 헤더를 보세요. 비밀번호가 들어 있습니다.
index-try-2 = 세션 방식으로 로그인해 보세요. 쿠키는 그 자체로는 아무 의미 없는 무작위 ID 하나뿐입니다.
index-try-3 = 학생 계정으로 두 직원 전용 페이지를 열어 보세요. 한쪽은 쿠키가 주장하는 내용을 그대로 믿습니다.
index-try-4 = 각 방식에서 로그아웃한 뒤, 예전 쿠키의 사본이 아직 얼마나 쓸모 있을지 생각해 보세요.
index-accounts = 학생 계정 abc(비밀번호 1234)가 기본으로 있고, 강사 계정은 teacher입니다.
index-server-title = 이 서버
index-store = 세션 기록 저장 위치: { $store }

## 쿠키 방식
cookie-flow-name = 쿠키 방식: 인증 정보를 쿠키에
cookie-weak-label = 학습을 위해 일부러 안전하지 않게 만들었습니다
cookie-login-title = 로그인: 쿠키 방식
cookie-login-lead = 여기서 로그인하면 서버는 사용자 이름, 비밀번호, 역할을 평범한 쿠키 세 개에 넣습니다. 페이지 스크립트가 읽을 수 있고, 브라우저는 /cookie로 가는 모든 요청에 이 쿠키를 보냅니다.
cookie-remember-hint = 체크하지 않으면 쿠키에 만료 시각이 없어서 브라우저 세션이 끝날 때 사라집니다. 체크하면 30일짜리 Max-Age가 붙고, 서버는 그 쿠키를 되돌릴 방법이 없습니다.
cookie-home-verified = 서버는 당신에 대해 아무것도 기억하지 않았습니다. 이번 요청의 쿠키에서 사용자 이름과 비밀번호를 찾아, 저장된 해시와 방금 다시 비교했습니다. 요청마다 이렇게 합니다.
cookie-role-cookie = 역할 쿠키의 값
server-remembers = 서버가 보관하는 내 정보
cookie-server-remembers = 없습니다. 요청할 때마다 내가 누구인지 다시 증명해야 합니다.
cookie-logout-hint = 로그아웃은 브라우저에게 쿠키를 지워 달라고 부탁할 뿐입니다. 미리 쿠키를 복사해 둔 사람은 비밀번호가 바뀔 때까지 계속 당신으로 로그인할 수 있습니다.
cookie-rejected = 브라우저가 인증 정보를 보냈지만 일치하는 계정이 없어 로그인되지 않았습니다.
cookie-staff-why-in = 역할 쿠키가 instructor라고 말해서 들어왔습니다. 서버는 계정 저장소에 묻지 않고, 누구나 고칠 수 있는 쿠키를 그대로 믿었습니다.
cookie-staff-real-role = 계정 저장소에 따르면 { $user }의 실제 역할은 { $role }입니다.
cookie-staff-nobody = 로그인한 사람조차 없습니다. 역할 쿠키 하나만으로 문이 열렸습니다.
cookie-staff-hint = 이 페이지는 역할 쿠키를 믿습니다. 그 값을 바꾸면 어떻게 될까요?

## 세션 방식
session-flow-name = 세션 방식: 상태는 서버에
session-login-title = 로그인: 세션 방식
session-login-lead = 여기서 로그인하면 서버는 비밀번호를 한 번만 확인하고 로그인 기록을 저장한 뒤, 브라우저에 쿠키 하나를 보냅니다. HttpOnly가 붙은 무작위 ID라서 페이지 스크립트는 읽을 수 없습니다.
session-remember-hint = 체크하지 않으면 ID는 브라우저 세션이 끝날 때 사라지는 메모리 쿠키입니다. 체크하면 세션의 절대 만료 시각까지 Max-Age가 붙습니다. 어느 쪽이든 세션이 언제 끝날지는 서버가 정합니다.
session-home-found = 브라우저는 세션 ID 하나만 보냈습니다. 서버가 세션 저장소에서 그 ID를 찾아 이 기록을 꺼냈습니다.
session-role = 역할 (서버 기록에서 읽음)
session-fingerprint = 세션 지문 (ID 자체가 아님)
session-expires = 남은 시간
session-logout-hint = 로그아웃하면 서버의 기록이 삭제됩니다. 그 순간부터 예전 ID의 사본은 아무 쓸모가 없습니다.
session-rejected = 브라우저가 서버가 모르는 세션 ID를 보냈습니다. 만료되었거나, 취소되었거나, 발급된 적이 없는 ID입니다. 서버가 브라우저에게 이 ID를 지우라고 알렸습니다.
session-staff-why-in = 서버가 { $user }의 세션 기록에서 역할을 직접 읽었습니다. 쿠키를 고쳐도 바뀌지 않습니다.
session-staff-hint = 역할은 브라우저가 보내는 값이 아니라 서버의 기록에서 나옵니다.

## 직원 페이지
staff-title = 직원 전용
staff-welcome = 직원실에 오신 것을 환영합니다.
staff-students-only = 강사만 들어올 수 있습니다. 당신의 역할은 { $role }입니다.
staff-login-first = 먼저 로그인하세요.

## 회원 가입
register-title = 계정 만들기
register-lead = 새 학생 계정은 두 방식 모두에서 쓸 수 있습니다.
register-username-rule = 3~32자: 영문 소문자, 숫자, _ . -
register-password-rule = 4~64자. 버려도 되는 비밀번호를 쓰세요.
register-submit = 계정 만들기
register-created = { $user } 계정이 준비되었습니다. 어느 방식으로든 로그인해 보세요.

## 폼과 요청 오류
error-login-failed = 사용자 이름과 비밀번호가 일치하는 계정이 없습니다.
error-username-length = 사용자 이름은 3~32자입니다.
error-username-alphabet = 사용자 이름에는 영문 소문자 a-z, 숫자, 그리고 _ . - 만 쓸 수 있습니다.
error-password-length = 비밀번호는 4~64자입니다.
error-password-control = 비밀번호에 제어 문자를 넣을 수 없습니다.
error-username-taken = 이미 있는 사용자 이름입니다. 다른 이름을 고르세요.
error-accounts-full = 이 서버가 보관할 수 있는 계정 수가 꽉 찼습니다. 강사에게 문의하세요.
error-csrf-title = 폼이 만료됨
error-csrf = 이 폼에 현재 세션의 토큰이 없어서 거부되었습니다. 뒤로 가서 페이지를 새로 고친 뒤 다시 시도하세요.
error-400-title = 잘못된 요청
error-400 = 서버가 이 요청을 이해하지 못했습니다.
error-401-title = 로그인 필요
error-401 = 이 페이지는 먼저 로그인해야 볼 수 있습니다.
error-403-title = 권한 없음
error-403 = 로그인은 되어 있지만, 이 계정으로는 볼 수 없는 페이지입니다.
error-404-title = 페이지 없음
error-404 = 이 주소에는 페이지가 없습니다.
error-413-title = 요청이 너무 큼
error-413 = 요청이 이 서버가 받는 크기보다 큽니다. 이곳의 폼은 수백 바이트면 충분합니다.
error-422-title = 폼이 불완전함
error-422 = 폼의 일부 항목이 비었거나 읽을 수 없었습니다. 뒤로 가서 모든 항목을 채워 주세요.
error-4xx-title = 요청 거부됨
error-4xx = 서버가 이 요청을 거부했습니다.
error-500-title = 서버 오류
error-500 = 서버에서 문제가 생겼습니다. 기록해 두었으니 잠시 후 다시 시도해 주세요.
error-503-title = 서비스를 쓸 수 없음
error-503 = 지금은 세션 저장소를 쓸 수 없어서 로그인을 확인할 수 없습니다. 잠시 후 다시 시도해 주세요.
