## 레이아웃과 내비게이션
skip-to-content = 본문으로 건너뛰기
nav-label = 주 메뉴
nav-cookie = 쿠키 방식
nav-session = 세션 방식
nav-register = 계정 만들기
nav-compare = 나란히 보기
nav-explain = 작동 원리
nav-dashboard = 강사 대시보드
footer-served = 응답한 인스턴스: { $instance } · 세션 저장소: { $store ->
        [memory] 메모리
        [file] 파일
        [redis] Redis
        [sqlite] SQLite
        [postgres] PostgreSQL
        [memcached] memcached
       *[other] { $store }
    }
footer-text = session-lab은 한 가지를 가르칩니다. 로그인 정보를 쿠키에 둘 때와 서버 쪽 세션에 둘 때 무엇이 달라지는지입니다. 쿠키 방식은 일부러 취약하게 만들었습니다.
back-home = 첫 화면으로
back-to-flow = 이 방식의 첫 화면으로

## 공통
login = 로그인
logout = 로그아웃
not-logged-in = 로그인하지 않은 상태입니다.
logged-in-as = { $user } 계정으로 로그인했습니다.
seconds = { $n }초
staff-link = 강사 전용 페이지에 들어가 보기
inspect-link = JSON으로 보기 (인스펙터)
field-username = 사용자 이름
field-password = 비밀번호
field-remember = 브라우저를 닫아도 쿠키 유지
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
index-lead = 각 방식으로 한 번씩 로그인해 보고, 브라우저가 무엇을 들고 다니는지, 서버가 무엇을 보관하는지, 공격자가 각각으로 무엇을 할 수 있는지 비교해 보세요.
index-cookie-summary = 사용자 이름, 비밀번호, 역할이 쿠키 세 개에 그대로 적힙니다. 브라우저는 요청마다 이 쿠키를 보내고, 서버는 매번 비밀번호를 다시 확인합니다. 서버는 아무도 기억하지 않습니다.
index-session-summary = 서버는 비밀번호를 한 번만 확인하고 로그인 기록을 보관하며, 브라우저에는 페이지 스크립트가 읽을 수 없는 쿠키에 담긴 256비트 무작위 ID만 건넵니다.
index-open-flow = 이 방식 열기
index-signed-summary = 세션의 정직한 대안입니다. 사용자, 역할, 만료 시각이 쿠키 하나에 담기고, 서버만 가진 키로 서명됩니다. 누구나 쿠키를 읽을 수 있지만 키 없이는 바꿀 수 없습니다. 서버는 아무것도 보관하지 않으므로, 이미 나간 사본을 되돌릴 수도 없습니다.
index-try-title = 이렇게 해 보세요
index-try-1 = 쿠키 방식으로 로그인한 뒤 브라우저가 보낸 Cookie 헤더를 보세요. 비밀번호가 들어 있습니다.
index-try-2 = 세션 방식으로 로그인해 보세요. 쿠키는 그 자체로는 아무 의미 없는 무작위 ID 하나뿐입니다.
index-try-3 = 학생 계정으로 각 방식의 강사 전용 페이지를 열어 보세요. 그중 하나는 쿠키가 주장하는 내용을 그대로 믿습니다.
index-try-4 = 각 방식에서 로그아웃한 뒤, 예전 쿠키의 사본이 아직 얼마나 쓸모 있을지 생각해 보세요.
index-try-5 = 서명 방식으로 로그인해 쿠키에 적힌 내 역할을 읽어 보세요. 그다음 보안 실습에서 역할을 바꿔 보세요. 서명 때문에 바로 들킵니다.
index-next-title = 다음으로
index-next-compare = 세 방식을 한 화면에서 실시간으로 봅니다. 무엇이 오가는지, 스크립트가 무엇을 읽는지, 서버가 무엇을 보관하는지, 로그아웃이 무엇을 하는지.
index-next-explain = 각 방식이 어떻게 동작하는지 단계별로, 그리고 각각의 비용을 이 서버가 측정한 수치로 봅니다.
index-next-lab = 직접 공격해 봅니다. 탈취, 위조, 고정, 추측, 재사용을 해 보고 각각 어떻게 막는지 배웁니다.
index-accounts = 학생 계정 abc(비밀번호 1234)가 기본으로 있고, 강사 계정은 teacher입니다.
index-server-title = 이 서버
index-store = 세션 기록 저장 위치: { $store ->
        [memory] 메모리
        [file] 파일
        [redis] Redis
        [sqlite] SQLite
        [postgres] PostgreSQL
        [memcached] memcached
       *[other] { $store }
    }

## 쿠키 방식
cookie-flow-name = 쿠키 방식: 인증 정보를 쿠키에
cookie-weak-label = 학습을 위해 일부러 안전하지 않게 만들었습니다
cookie-login-title = 로그인: 쿠키 방식
cookie-login-lead = 여기서 로그인하면 서버는 사용자 이름, 비밀번호, 역할을 보호 장치 없는 쿠키 세 개에 넣습니다. 페이지 스크립트가 읽을 수 있고, 브라우저는 /cookie로 가는 모든 요청에 이 쿠키를 보냅니다.
cookie-remember-hint = 체크하지 않으면 쿠키에 만료 시각이 없어서 브라우저 세션이 끝날 때 사라집니다. 체크하면 30일짜리 Max-Age가 붙고, 서버는 그 쿠키를 되돌릴 방법이 없습니다.
cookie-home-verified = 서버는 이 브라우저에 대해 아무것도 기억하지 않았습니다. 이번 요청의 쿠키에서 사용자 이름과 비밀번호를 찾아, 저장된 해시와 방금 다시 비교했습니다. 요청마다 이렇게 합니다.
cookie-role-cookie = 역할 쿠키의 값
server-remembers = 서버가 보관하는 내 정보
cookie-server-remembers = 없습니다. 요청할 때마다 내가 누구인지 다시 증명해야 합니다.
cookie-logout-hint = 로그아웃은 브라우저에게 쿠키를 지워 달라고 부탁할 뿐입니다. 미리 쿠키를 복사해 둔 사람은 비밀번호가 바뀔 때까지 계속 이 계정으로 로그인할 수 있습니다.
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
session-logout-others = 다른 곳에서 모두 로그아웃
session-logout-others-hint = 이 계정의 다른 세션(다른 브라우저, 다른 기기, 누군가 복사해 간 ID)을 모두 끝내고 지금 이 세션만 남깁니다. 서버가 모든 세션을 쥐고 있기 때문에 할 수 있는 일입니다. 서명된 쿠키나 복사된 비밀번호는 이렇게 되돌려 받을 수 없습니다.
session-logout-others-shared = 데모 계정 abc는 반 전체가 함께 쓰므로 다른 세션을 끝낼 수 없습니다. 끝내면 친구들이 로그아웃됩니다. "다른 곳에서 모두 로그아웃"을 해 보려면 자기 계정을 만드세요.
session-ended-others = { $count ->
    [0] 끝낼 다른 세션이 없었습니다.
   *[other] 이 계정의 다른 세션 { $count }개가 끝났습니다. 그 ID로는 이제 아무것도 열리지 않습니다.
}
session-rejected = 브라우저가 서버가 모르는 세션 ID를 보냈습니다. 만료되었거나, 무효화되었거나, 발급된 적이 없는 ID입니다. 서버가 브라우저에게 이 ID를 지우라고 알렸습니다.
session-rejected-evicted = 이 서버는 세션을 캐시인 memcached에 보관합니다. 새 항목을 넣을 자리를 만들려고 memcached가 이 세션을 버렸거나, memcached가 재시작하면서 잃었을 수도 있습니다.
session-open-dashboard = 강사 대시보드 열기
session-staff-why-in = 서버가 { $user }의 세션 기록에서 역할을 직접 읽었습니다. 쿠키를 고쳐도 바뀌지 않습니다.
session-staff-hint = 역할은 브라우저가 보내는 값이 아니라 서버의 기록에서 나옵니다.

## 강사 전용 페이지
staff-title = 강사 전용
staff-welcome = 강사 전용 공간에 오신 것을 환영합니다.
staff-students-only = 강사만 들어올 수 있습니다. 지금 역할은 { $role }입니다.
staff-login-first = 먼저 로그인하세요.

## 회원 가입
register-title = 계정 만들기
register-lead = 새 학생 계정은 세 방식 모두에서 쓸 수 있습니다.
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
password-title = 비밀번호 바꾸기
password-lead = 새 비밀번호를 정하면 이 계정의 다른 세션이 모두 끝나므로, 세션 ID를 복사해 갔거나 예전 비밀번호를 알아낸 사람은 로그아웃됩니다. 지금 이 세션은 남습니다.
password-current = 지금 비밀번호
password-new = 새 비밀번호
password-submit = 비밀번호 바꾸기
password-changed = 비밀번호가 바뀌었습니다.
password-changed-cookie = 쿠키 방식에 들어 있는 예전 비밀번호의 사본(이 브라우저에 있든, 누군가 복사해 갔든)은 다음 요청부터 통하지 않습니다. 서버가 요청마다 비밀번호를 확인하는데, 예전 비밀번호는 이제 맞지 않기 때문입니다.
password-built-in = abc와 teacher 계정의 비밀번호는 이 서버의 설정에서 오므로 여기서 바꿀 수 없습니다. 해 보려면 자기 계정을 만드세요.
password-wrong-current = 지금 비밀번호가 맞지 않아 아무것도 바꾸지 않았습니다.
error-shared-account = 데모 계정은 반 전체가 함께 쓰므로, 그 계정의 다른 세션은 여러분이 끝낼 수 없습니다. 해 보려면 자기 계정을 만드세요.
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
error-429-title = 시도가 너무 많음
error-registrations = 이 주소에서는 한 시간 안에 만들 수 있는 계정을 모두 만들었습니다. 이미 만든 계정으로 로그인하거나, 기다려 주세요. 얼마나 기다려야 하는지는 이 페이지에 나옵니다.
error-throttled = 이 주소에서 이 계정의 비밀번호가 너무 많이 틀렸습니다. 몇 분 기다린 뒤 다시 시도하세요. 기다릴 시간은 아래에 나옵니다.
error-busy = 지금 서버가 비밀번호를 많이 확인하는 중입니다. 1초 뒤에 다시 시도하세요.
error-retry-after = { $n }초 뒤에 다시 시도하세요.
error-retry-after-minutes = { $n }분 뒤에 다시 시도하세요.
error-cross-site = 이 요청은 다른 사이트의 페이지에서 왔기 때문에 거부되었습니다. 다른 사이트가 사용자 대신 여기에 로그인하거나 글을 올리거나 버튼을 누를 수는 없습니다.
error-not-from-dashboard = 강사 컨트롤은 사람이 대시보드에서 직접 눌렀을 때만 동작합니다. 이 요청은 그런 클릭에서 오지 않아서 거부되었습니다.
error-not-clicked = 글은 사람이 버튼을 눌렀을 때만 올라갑니다. 이 글은 스크립트가 보내서 거부되었습니다.
error-unknown-browser = 이 폼은 같은 브라우저에서 이 실습의 페이지를 통해서만 동작합니다. 먼저 실습 페이지를 연 뒤 그 폼을 쓰세요.
error-instructor-session-only = 강사 계정은 세션 방식으로만 로그인합니다. 여기서는 비밀번호가 읽을 수 있는 쿠키에, 또는 아무도 되돌릴 수 없는 토큰에 담기게 되는데, 바로 실습이 공격하는 곳입니다. /session/login을 쓰고, 실습에는 학생 계정을 쓰세요.
error-503 = 지금은 세션 저장소를 쓸 수 없어서 로그인을 확인할 수 없습니다. 잠시 후 다시 시도해 주세요.

## 인스펙터
inspector-title = 인스펙터: 이 페이지가 실제로 주고받은 것
pane-sent = 브라우저가 보낸 것
pane-sent-bytes = 이번 요청의 Cookie 헤더: { $bytes }바이트. 브라우저는 사이트의 이 영역으로 가는 모든 요청마다 이것을 다시 보냅니다.
pane-sent-lab = inspector와 lang은 이 실습 앱 자체의 쿠키입니다(어느 브라우저인지, 어떤 언어를 골랐는지). 어느 방식과도 관계없습니다.
pane-set = 서버가 설정한 것
pane-set-login = 이 방식에서 마지막으로 로그인했을 때 응답에 담긴 Set-Cookie 줄입니다. 모든 속성을 보낸 그대로 보여 줍니다.
pane-set-logout = 이 방식에서 마지막으로 로그아웃했을 때 응답에 담긴 Set-Cookie 줄입니다. Max-Age=0은 브라우저에게 쿠키를 지우라고 요청합니다.
pane-set-nothing = 아직 없습니다. 이 방식으로 로그인하거나 로그아웃하면 그 응답의 Set-Cookie 줄이 그대로 여기에 나타납니다.
pane-set-redacted = …로 표시한 값은 이 창을 위해 보관하지 않습니다. 서버가 비밀번호를 저장하거나, 페이지가 세션 ID를 스크립트가 읽을 수 있는 곳에 출력해 두는 것은 바로 이 실습이 경고하는 실수이기 때문입니다. 실제 값은 "브라우저가 보낸 것"에 있습니다.
pane-js = JavaScript가 읽을 수 있는 것
pane-js-empty = document.cookie가 비어 있습니다. 이 페이지의 어떤 스크립트도 쿠키를 읽을 수 없습니다.
pane-js-noscript = 이 창은 JavaScript가 필요합니다. 스크립트가 무엇을 읽을 수 있는지 보여 주는 창이기 때문입니다.
pane-js-cookie = 이 페이지의 어떤 스크립트든, 공격자가 몰래 넣은 스크립트까지도 이 값을 읽을 수 있습니다. HttpOnly가 붙은 쿠키가 하나도 없습니다.
pane-js-session = sid 쿠키에는 HttpOnly가 붙어 있습니다. 브라우저는 이 쿠키를 서버로 보내지만 모든 스크립트에게는 숨기므로 여기에 나타날 수 없습니다.
pane-stores = 서버가 보관하는 것
pane-stores-cookie-nothing = 없습니다. 이 서버는 요청과 요청 사이에 아무도 기억하지 않습니다.
pane-stores-cookie-verified = 바로 이번 요청에서 쿠키의 사용자 이름 { $user }와 비밀번호를 읽고, 저장된 Argon2id 해시와 비밀번호를 비교했습니다.
pane-stores-cookie-role = 역할 쿠키의 값은 { $role }입니다. 서버는 이 값을 계정과 대조한 적이 없습니다.
pane-stores-cookie-rejected = 쿠키의 인증 정보가 확인되지 않아 로그인되지 않았습니다.
pane-stores-created = 생성
pane-stores-last-seen = 마지막 활동
pane-stores-expires = 남은 시간
pane-stores-expired = 만료됨 (새로 고치면 서버도 같은 판단을 합니다)
pane-stores-key = 저장 키
pane-stores-timeouts = 세션은 마지막 요청 후 { $idle }초, 로그인 후 늦어도 { $absolute }초가 지나면 끝납니다. 세션을 사용하는 요청만 활동으로 칩니다. 이 카운트다운은 브라우저에서 돌아갑니다.
pane-stores-session-none = 이 브라우저의 세션 기록이 없습니다. 이 브라우저의 ID로 저장된 것이 없습니다.
held-summary = 이 서버의 저장소가 이 레코드를 보관하는 모습
held-memory = 이 프로세스 메모리 안 해시 맵의 항목 하나로, ID를 해시한 32바이트를 키로 씁니다. 어디에도 쓰지 않으므로 재시작하면 사라집니다.
held-file = 세션 폴더 안의 파일 하나입니다. 내용은 로그인할 때 한 번 쓰고, 파일의 수정 시각이 마지막 요청 시각입니다.
held-redis = 만료 시각(PXAT)이 붙은 Redis 문자열 키입니다. 그 시각이 되면 Redis가 스스로 지웁니다.
held-sql = sessions 테이블의 행 하나입니다. 모든 쿼리가 expires_ms를 요청 시각과 비교하고, 시간이 지난 행은 정리 작업이 지웁니다.
held-memcached = 만료 시각(유닉스 초)이 붙은 memcached 항목입니다. memcached는 새 항목을 넣을 자리를 만들려고 이보다 일찍 버릴 수도 있습니다.
seconds-ago = { $n }초 전

## /compare
compare-title = 두 방식을 나란히
compare-title-three = 세 방식 나란히 보기
compare-lead = 각 열은 완전한 하나의 방식입니다. 로그인하고, 둘러보고, 로그아웃해 보세요. 각 인스펙터가 무엇을 보여 주는지 살펴보고, 아래의 비교표도 확인하세요. 어느 쪽이든 바뀌면 비교표가 새로 고쳐집니다.
facts-title = 같은 질문, 방식별 답
facts-bytes = 요청마다 Cookie 헤더에 실리는 그 방식의 쿠키
facts-bytes-unit = 바이트
evidence-title = 각 방식의 요청에 실리는 것
evidence-none = 없음: 이 브라우저에는 이 방식의 쿠키가 없습니다(로그인하세요)
evidence-hint = 이 브라우저가 각 방식으로 보낼 다음 요청의 Cookie 헤더에서 그 방식의 쿠키만 골랐습니다. HttpOnly 값은 바이트마다 *로, 나머지는 오가는 그대로 보여 줍니다.
expiry-yours = 여러분의 세션({ $user })이 서버에서 끝나기까지
expiry-log-in-to-watch = 세션 방식에 로그인하면 여러분 세션의 카운트다운이 여기에 나타납니다.
facts-password = 로그인 후 비밀번호가 있는 곳
facts-password-cookie = 브라우저의 쿠키 안. 모든 요청에 실려 가고, 페이지의 어떤 스크립트든 읽을 수 있습니다.
facts-password-session = 어디에도 없습니다. 서버는 해시와 한 번 비교했을 뿐이고, 오가는 것은 무작위 ID뿐입니다.
facts-js = JavaScript가 읽을 수 있는 것
facts-js-empty = 없음
facts-server = 서버가 나에 대해 보관하는 것
facts-server-nothing = 없음
facts-server-record = { $user }의 기록, { $s }초 후 만료
facts-logout = 로그아웃이 실제로 하는 일
facts-logout-cookie = 브라우저에게 쿠키를 지워 달라고 부탁합니다. 미리 만든 사본은 비밀번호가 바뀔 때까지 계속 통합니다.
facts-logout-session = 서버의 기록을 지웁니다. ID의 모든 사본이 그 즉시 쓸모없어집니다.
facts-hint = 숫자는 이 서버가 여러분의 브라우저에 보낸 실제 응답에서 나옵니다. 각 방식의 /cookie/inspect 같은 인스펙터 주소와 각 프레임의 document.cookie입니다.

## /explain
explain-title = 작동 원리와 그 대가
explain-lead = 같은 로그인을 세 가지 방식으로 보관합니다. 아래에서 각 방식을 단계별로 보고, 이 서버가 잰 숫자로 장단점을 비교하고, 이 수업의 출발점인 Flask-Session 튜토리얼의 표를 실제로 맞는 내용과 나란히 놓고, 그 튜토리얼을 비롯해 여러 곳에서 되풀이되는 오해를 바로잡습니다.
explain-how-title = 단계별 흐름
lane-browser = 브라우저
lane-server = 서버
lane-store = 저장소
seq-cookie-1 = 브라우저가 로그인 폼을 전송합니다.
seq-cookie-2 = 서버가 계정을 찾아 비밀번호를 Argon2id 해시와 비교합니다.
seq-cookie-3 = 응답은 사용자 이름, 비밀번호, 역할을 쿠키 세 개에 담습니다(Set-Cookie 한 줄에 하나씩).
seq-cookie-4 = 이후 모든 요청이 쿠키 세 개를 다시 싣고 옵니다.
seq-cookie-5 = 서버는 아무것도 기억하지 않으므로 요청마다 비밀번호를 다시 확인합니다.
seq-cookie-6 = 페이지를 보냅니다. 역할은 클라이언트가 적어 보낸 역할 쿠키에서 나옵니다.
seq-session-1 = 브라우저가 로그인 폼을 전송합니다.
seq-session-2 = 서버가 비밀번호를 해시와 한 번 비교합니다.
seq-session-3 = 운영체제에서 256비트 난수를 받아 새 ID를 만들고, 그 아래에 기록(사용자, 역할, 시각)을 저장합니다. 브라우저가 이미 갖고 있던 ID는 재사용하지 않고 지웁니다.
seq-session-4 = 응답은 쿠키 하나를 설정합니다. HttpOnly, SameSite=Lax가 붙은 ID입니다. "쿠키 유지"를 고르지 않으면 메모리 쿠키입니다.
seq-session-5 = 이후 모든 요청은 ID만 싣고 옵니다.
seq-session-6 = 서버는 ID로 기록을 찾고, 유휴 시간 만료와 절대 만료를 확인하고, "마지막 활동"을 갱신한 뒤 그 사용자로 응답합니다.
explain-corrections-title = Flask-Session 튜토리얼의 여섯 단계 바로잡기
explain-correction-1 = 서버가 "기본으로" HttpOnly를 붙이지는 않습니다. Set-Cookie 줄에 HttpOnly가 적혀 있을 때만 그 쿠키가 HttpOnly가 됩니다(RFC 6265, 4.1.2.6절). 일부 프레임워크는 세션 쿠키에 붙여 주지만 보통의 set_cookie 호출은 그렇지 않습니다. 이 앱은 sid에는 붙이고, 쿠키 방식의 쿠키에는 일부러 붙이지 않습니다.
explain-correction-2 = 새 ID는 요청에 ID가 없을 때만이 아니라 로그인할 때마다 발급해야 합니다. 로그인 전에 알려진 ID(공격자가 심어 두었거나 훔친 ID)는 로그인과 함께 없어져야 합니다(OWASP 세션 관리 치트 시트의 "Renew the Session ID After Any Privilege Level Change" 절, ASVS 5.0 요구 사항 7.2.4: 권한이 바뀔 때마다 세션 ID를 새로 발급).
explain-correction-3 = 메모리 쿠키는 브라우저 세션이 끝날 때 사라지지만 서버의 기록은 남습니다. 유휴 시간 만료나 절대 만료가 되거나 로그아웃으로 지울 때까지 살아 있습니다. 또 탭을 복원하는 브라우저는 메모리 쿠키를 며칠씩 간직하기도 합니다.
explain-table-title = 로그인을 보관하는 세 가지 방식, 실제로 재어 보기
explain-table-lead = 첫 번째 열은 안티패턴입니다. 처음 만드는 사람들이, 그리고 Flask-Session 튜토리얼의 표가 "쿠키"라고 부르는 것이 이것이라서 함께 보여 줍니다. 정직한 비교는 나머지 두 열 사이에 있습니다. 서버가 아무것도 기억하지 않고 검사하는 서명된 쿠키, 그리고 서버가 조회해야 하지만 언제든 끝낼 수 있는 서버 세션입니다. 아래의 숫자는 모두 이 서버가 잰 값입니다.
explain-col-cookie = 쿠키에 인증 정보 (안티패턴)
explain-col-signed = 서명된 쿠키
explain-col-session = 서버 세션
seq-signed-1 = 브라우저가 로그인 폼을 전송합니다.
seq-signed-2 = 서버가 비밀번호를 해시와 한 번 비교합니다.
seq-signed-3 = 응답은 쿠키 하나를 설정합니다. 사용자, 역할, 만료 시각을 base64url로 인코딩한 것, 점 하나, 그리고 서버의 키로 만든 그 내용의 HMAC-SHA256입니다. HttpOnly가 붙고 /signed 아래로만 전송됩니다.
seq-signed-4 = 이후 모든 요청이 토큰을 싣고 옵니다.
seq-signed-5 = 서버는 자기 키로 HMAC을 다시 계산해 상수 시간에 비교하고, 만료 시각을 확인합니다. 저장소도 조회도 없습니다. 서버는 아무것도 기억하지 않습니다.
seq-signed-6 = 페이지를 보냅니다. 역할은 서명된 내용에서 나옵니다. 누구나 읽을 수 있지만 키 없이는 아무도 바꿀 수 없습니다.
row-where-signed = 브라우저. 사용자, 역할, 만료 시각을 담은 쿠키 하나(디코딩하면 누구나 읽을 수 있음)와 그 내용에 대한 서버의 서명.
row-check = 사용자를 알아보는 비용, 지금 잰 값
row-check-cookie = (Argon2id 검사 한 번, m = { $kib } KiB, t = { $passes }) 비밀번호 자체가 인증 정보이므로 요청마다 치릅니다.
row-check-signed = (서명의 HMAC-SHA256 검사 한 번과 만료 확인)
row-check-session = ({ $store ->
        [memory] 메모리
        [file] 파일
        [redis] Redis
        [sqlite] SQLite
        [postgres] PostgreSQL
        [memcached] memcached
       *[other] { $store }
    } 저장소 조회 한 번)
row-probe-busy = 재지 못했습니다. 비밀번호 해시 대기열이 가득 찼습니다. 1분 뒤에 새로 고치세요.
row-probe-down = 재지 못했습니다. 세션 저장소가 응답하지 않았습니다. 저장소가 돌아오면 새로 고치세요.
row-rate = 프로세서 코어 하나가 1초에 할 수 있는 검사 수(위 행에서 계산)
row-rate-unit = 회/초
row-speed-avg = ({ $n }개 요청의 평균, 코어를 기다린 시간 포함)
row-bytes-signed-probe = (방금 서명한 abc의 토큰. 아직 아무도 이 방식을 쓰지 않았습니다.)
row-server-memory = 서버가 로그인한 사용자마다 보관하는 것
row-server-memory-none = 없습니다.
row-server-memory-session = (세션마다) 사용자, 역할, 폼 토큰, 시각을 담은 기록. 파일 저장소와 Redis 저장소가 기록하는 형태로 잰 크기입니다(메모리 저장소도 같은 항목을 보관합니다).
row-js = 페이지의 스크립트가 읽을 수 있는 것
row-js-cookie = 전부입니다. document.cookie에 사용자 이름, 비밀번호, 역할이 보입니다.
row-js-signed = 없습니다(HttpOnly). 하지만 내용은 인코딩되어 있을 뿐이라, 쿠키를 손에 넣은 사람은 키 없이도 사용자, 역할, 만료 시각을 읽습니다.
row-js-session = 없습니다(HttpOnly). ID는 서버의 기록 없이는 아무 의미도 없습니다.
row-stolen = 훔친 사본으로 할 수 있는 일과 그 기간
row-stolen-cookie = 비밀번호 자체를 얻습니다. 비밀번호가 바뀔 때까지 기한 없이 로그인됩니다. 쿠키 자체는 브라우저가 닫힐 때까지, "쿠키 유지"를 고르면 { $days }일 동안 남습니다.
row-stolen-signed = 토큰이 만료될 때까지, 곧 로그인 후 { $lifetime }초 동안 로그인됩니다. 서버의 어떤 조치로도 줄일 수 없습니다.
row-stolen-session = 기록이 끝날 때까지 로그인됩니다. 요청 없이 { $idle }초, 로그인 후 늦어도 { $absolute }초, 또는 로그아웃이나 무효화 중 가장 먼저 오는 때입니다.
row-logout = 로그아웃으로 할 수 있는 일
row-logout-cookie = 브라우저에게 잊어 달라고 부탁할 뿐입니다. 미리 만든 사본은 계속 통합니다.
row-logout-signed = 마찬가지입니다. 브라우저는 잊지만 사본은 만료될 때까지 유효합니다.
row-logout-session = 기록을 지웁니다. ID의 모든 사본이 그 즉시 통하지 않습니다.
row-revocation-signed = 키를 바꾸면(모두가 로그아웃됩니다) 되고, 그 밖에는 무효화한 토큰의 목록이나 사용자별 버전 번호를 두고 요청마다 확인하는 방법뿐입니다. 그것은 다시 서버의 상태이고 요청마다의 조회입니다(Java용 OWASP JWT 치트 시트의 "Token Explicit Revocation by the User" 절).
row-csrf = 다른 사이트가 시작한 요청에도 실려 가는가 (CSRF)
row-csrf-cookie = 예, 모든 쿠키가 그렇습니다. 여기서 붙인 SameSite=Lax는 사이트 간 POST 요청에는 싣지 않지만 최상위 링크 이동에는 싣습니다(RFC 6265bis, 4.1.2.7절). 이 방식에는 자체 토큰이 없습니다.
row-csrf-signed = 예. 서명은 사용자가 누구인지를 증명할 뿐, 사용자가 그 요청을 보내려 했다는 것은 증명하지 못합니다. 폼에는 SameSite, Origin 검사, 토큰 같은 방어가 따로 필요합니다.
row-csrf-session = 예. 서버 세션만으로는 CSRF를 막지 못합니다. 이 앱에서는 이 방식의 모든 폼이 세션의 토큰도 함께 싣습니다(OWASP CSRF 방지 치트 시트의 "Synchronizer Token Pattern" 절).
row-scaling-signed = 서명 키만 공유하면 됩니다. 키를 가진 서버는 누구에게도 묻지 않고 토큰을 검사합니다. 서명된 쿠키의 진짜 장점입니다.
row-capacity-signed = 내용이 쿠키 하나에 들어가야 하고(이름과 값을 합쳐 4096바이트, RFC 6265bis 5.6절) 모든 요청에 실려 가므로 작게 유지합니다. 여기서는 사용자, 역할, 만료 시각입니다.
explain-seed-title = Flask-Session 튜토리얼의 표, 그리고 실제로 맞는 내용
explain-seed-lead = 이 수업은 한국어 Flask-Session 튜토리얼에서 출발했습니다. 그 비교표를 원문 그대로 옮기고, 마지막 열에 실제로 맞는 내용을 이 서버가 잰 숫자와 함께 적었습니다.
seed-col-row = 구분
seed-col-cookie = 쿠키 (원문)
seed-col-session = 세션 (원문)
seed-col-holds = 실제로 맞는 내용
seed-where-cookie = { "" }
seed-where-session = { "" }
seed-where-holds = 상태가 있는 곳에 대해서는 맞지만, 세션에도 브라우저가 필요합니다. 세션 ID가 쿠키이고, 쿠키의 모든 규칙이 그대로 적용됩니다. 또 쿠키에는 날것의 데이터 대신 서명된 토큰을 담을 수도 있습니다.
seed-security-cookie = { "" }
seed-security-session = { "" }
seed-security-holds = 보안은 "쿠키"라는 말이 아니라 쿠키에 무엇을 담느냐에 달려 있습니다. 쿠키에 인증 정보를 담으면 깨진 설계이고, 서명된 쿠키는 고칠 수 없지만 무효화할 수도 없으며, 세션 ID는 가진 사람이 주인인 토큰이라 살아 있는 동안은 비밀번호만큼 값집니다(OWASP 세션 관리 치트 시트의 "Introduction" 절).
seed-speed-cookie = { "" }
seed-speed-session = { "" }
seed-speed-holds = 여기서 잰 값으로는 서명 검사가 { $hmac } µs, { $store ->
        [memory] 메모리
        [file] 파일
        [redis] Redis
        [sqlite] SQLite
        [postgres] PostgreSQL
        [memcached] memcached
       *[other] { $store }
    } 저장소 조회가 { $lookup } µs로, 둘 다 네트워크 왕복 한 번에 비하면 작습니다. 느린 것은 요청마다 비밀번호 해시를 검증하는 안티패턴뿐입니다({ $hash } µs).
seed-expiry-cookie = { "" }
seed-expiry-session = { "" }
seed-expiry-holds = 둘 다 수명이 있습니다. 쿠키는 Max-Age나 Expires까지 살고, RFC 6265bis를 따르는 브라우저에서는 최대 400일입니다(5.6.2절). 둘 다 없으면 브라우저 세션이 끝날 때까지입니다. 서버 세션은 서버가 정할 때 끝납니다. 여기서는 { $idle }초 동안 요청이 없거나 로그인 후 { $absolute }초가 지나거나 로그아웃할 때입니다. 브라우저를 닫아도 서버의 기록은 끝나지 않고, 탭을 복원하는 브라우저에서는 쿠키도 늘 사라지지는 않습니다.
seed-more-title = 튜토리얼 코드의 세 가지 추가 수정
seed-more-encrypted = 튜토리얼은 Flask의 기본 세션을 "암호화된 쿠키"라고 부릅니다. Flask는 그 쿠키에 서명할 뿐(itsdangerous, HMAC-SHA1) 암호화하지 않습니다. 누구나 내용을 디코딩할 수 있고, 키가 없으면 아무도 바꿀 수 없습니다. 서명은 무결성을, 암호화는 기밀성을 지킵니다. 이 앱의 서명 방식이 그 차이를 보여 줍니다.
seed-more-password = 튜토리얼의 로그인은 평문 비밀번호를 세션의 passwd 항목에 넣고 페이지에 출력합니다. 세션에는 필요한 최소한만 담아야 합니다(여기서는 사용자, 역할, 폼 토큰, 시각). 비밀번호는 느린 해시로만 보관하고, 세션 기록이나 페이지에는 절대 두지 않습니다.
seed-more-logout = 튜토리얼의 로그아웃은 세션의 항목을 None으로 바꾸는 GET 링크입니다. GET은 어느 페이지든 일으킬 수 있으므로(이미지 태그 하나면 됩니다) 로그아웃은 토큰을 실은 POST여야 하고, 서버의 기록을 지우고 쿠키를 만료시켜야 합니다. 이 앱의 /session/logout이 그렇게 합니다(OWASP 세션 관리 치트 시트의 "Manual Session Expiration" 절).
row-where = 로그인 정보가 있는 곳
row-where-cookie = 브라우저. 사용자 이름, 비밀번호, 역할을 담은 쿠키 세 개.
row-where-session = 서버의 { $store ->
        [memory] 메모리
        [file] 파일
        [redis] Redis
        [sqlite] SQLite
        [postgres] PostgreSQL
        [memcached] memcached
       *[other] { $store }
    } 저장소. 브라우저는 무작위 ID만 갖고 있습니다.
row-bytes = 요청마다 실리는 그 방식의 쿠키 바이트 수
row-bytes-last = (마지막 요청)
row-bytes-avg = ({ $n }개 요청의 평균)
row-no-data = 아직 잰 값이 없습니다. 이 방식으로 로그인해 페이지를 연 뒤 이 페이지를 새로 고치세요.
row-speed = 지금까지 이 서버에 온 실제 요청에서 잰 값
row-capacity = 용량
row-capacity-cookie = 브라우저는 쿠키 하나에 4096바이트, 사이트당 쿠키 50개까지만 보장하면 됩니다(RFC 6265, 6.1절). RFC 6265bis 초안은 이를 정확히 정합니다. 이름과 값을 합쳐 4096바이트가 넘는 쿠키는 무시됩니다(5.6절). 보통은 서버가 먼저 거부합니다. nginx의 기본 헤더 버퍼는 8 KB이고, 사이트의 모든 쿠키가 모든 요청의 Cookie 헤더 하나에 실려 가기 때문입니다.
row-capacity-session = 저장소가 허락하는 만큼입니다. 오가는 것은 ID뿐입니다. 기록마다 저장소의 메모리나 디스크를 씁니다(위의 "서버가 보관하는 것" 행).
row-revocation = 무효화
row-revocation-cookie = 비밀번호를 바꾸는 방법뿐입니다.
row-revocation-session = 기록을 지웁니다. 이 앱에서는 강사의 무효화, "다른 곳에서 모두 로그아웃", 비밀번호 바꾸기가 모두 그렇게 합니다.
row-scaling = 서버가 여러 대일 때
row-scaling-cookie = 어느 서버든 쿠키를 검사할 수 있습니다. 계정 데이터베이스에 닿을 수 있고, 요청마다 비밀번호 해시 비용을 치를 수 있다면요.
row-scaling-session = 요청마다 한 번씩 묻는 공유 세션 저장소(여기서는 { $store ->
        [memory] 메모리
        [file] 파일
        [redis] Redis
        [sqlite] SQLite
        [postgres] PostgreSQL
        [memcached] memcached
       *[other] { $store }
    }), 또는 클라이언트를 늘 같은 서버로 보내는 로드 밸런서가 필요합니다.
explain-table-measured = 처음 세 행은 이 서버가 현재 설정으로 { $ago }초 전에 잰 값입니다. 저장된 해시에 대한 Argon2id 검증 한 번, abc의 토큰에 대한 서명 검사 2000번, 설정된 저장소에서 ID 조회 32번입니다(없는 ID를 조회하므로, 파일 저장소에서는 기록을 읽을 때보다 적게 듭니다). 1분에 한 번까지만 잽니다. 실제 요청에서 잰 행은 사람들이 각 방식을 쓰는 대로 채워집니다.
explain-stores-title = 서버가 세션을 두는 곳: 저장소 여섯 가지
explain-stores-lead = 세션 방식은 어느 저장소에서나 똑같이 동작합니다. 달라지는 것은 재시작 뒤에 무엇이 남는지, 누가 세션을 함께 읽는지, 저장소가 세션을 스스로 버릴 수 있는지입니다. Flask-Session 튜토리얼은 다섯 곳(filesystem, redis, memcached, mongodb, sqlalchemy)을 소개합니다. 이 서버는 여섯 가지를 제공하며, MongoDB는 이 머신에 설치할 수 없어 시험할 수 없었기 때문에 뺐습니다.
stores-col-store = 저장소
stores-col-app-restart = 앱을 재시작해도 세션이 남음
stores-col-server-restart = 저장소 서버를 재시작해도 남음
stores-col-shared = 여러 인스턴스가 함께 씀
stores-col-drops = 살아 있는 세션을 버릴 수 있음
stores-col-rate = 로그인한 /session 페이지, 측정값
stores-current = 이 서버
stores-rate = 초당 { $n }페이지
stores-yes = 예
stores-no = 아니요
stores-no-server = 서버가 없음: 따로 재시작할 것이 없습니다
stores-one-machine = 같은 머신의 인스턴스끼리만(폴더 하나나 파일 하나를 함께 씀)
stores-if-persisted = Redis가 디스크에 저장할 때만(RDB 또는 AOF)
stores-if-policy = Redis에 maxmemory 축출 정책을 정했을 때만
stores-lru = 예: 메모리가 차면 memcached는 가장 오래 쓰이지 않은 항목부터 버리며, 살아 있는 세션도 예외가 아닙니다
stores-where-memory = 이 프로세스 메모리 안의 해시 맵
stores-where-file = session_dir 안에 세션마다 파일 하나
stores-where-sqlite = 앱 옆 SQLite 파일 안에 세션마다 행 하나
stores-where-redis = Redis 서버에 세션마다 키 하나
stores-where-postgres = PostgreSQL 테이블에 세션마다 행 하나
stores-where-memcached = 캐시인 memcached에 세션마다 항목 하나
explain-stores-measured = 이 값은 scripts/bench(릴리스 빌드, 연결 16개, 세 번 잰 값의 중앙값)로 2코어 머신에서 잰 것으로, 각 저장소가 앱과 같은 머신의 루프백에 있었습니다. 이 서버가 직접 잰 값이 아닙니다. Redis, PostgreSQL, memcached가 네트워크 너머에 있으면 페이지마다 그 왕복 시간이 더해집니다.
explain-proscons-title = Flask-Session 튜토리얼이 말한 세션의 장단점, 확인하기
explain-proscons-lead = Flask-Session 튜토리얼의 주장과, 실제로 맞는 부분입니다.
proscons-claim = 주장
proscons-verdict = 실제로는
claim-1 = 서버에 저장하기 때문에 관리가 편리하다.
verdict-1 = 맞습니다. 세션에 무엇을 담을지, 언제 끝낼지를 서버가 정하고, 언제든 끝낼 수 있습니다.
claim-2 = 어느 정도 보안을 유지할 수 있다.
verdict-2 = 신경 쓸 때만 그렇습니다. ID는 가진 사람이 주인인 토큰입니다. 충분한 난수, HttpOnly, HTTPS에서의 Secure, SameSite, 로그인 시 새 ID, 만료 시간이 모두 필요합니다. ID를 훔치면 로그인을 훔친 것입니다.
claim-3 = 웹 브라우저와 독립적으로 관리할 수 있다.
verdict-3 = 꼭 그렇지는 않습니다. 브라우저는 여전히 ID를 저장하고 보내야 하고, 대개 쿠키를 쓰므로 쿠키의 모든 규칙이 그대로 적용됩니다.
claim-4 = 세션의 저장 개수나 용량에 제약이 없다.
verdict-4 = 제약이 서버로 옮겨 갈 뿐입니다. 메모리, 디스크, Redis의 한계가 있고, 청소도 해야 합니다(이 앱은 만료된 세션을 주기적으로 지웁니다).
claim-5 = SessionID만 주고받으므로 네트워크에 거의 부담을 주지 않는다.
verdict-5 = 일부만 맞습니다. 세션에 무엇을 담든 ID의 크기는 그대로이고, 상태를 싣는 쿠키는 상태와 함께 커집니다. 하지만 위에서 잰 대로 abc의 쿠키 세 개는 ID 하나와 길이가 비슷합니다. 진짜 차이는 바이트 수가 아니라 그 바이트가 말하는 내용입니다.
claim-6 = 관리할 세션이 많아지면 서버에 부담이 될 수 있다.
verdict-6 = 맞고, 그 이상입니다. 서버가 여러 대면 저장소를 공유해야 하고, 그 저장소가 멈추면 아무도 로그인할 수 없습니다.
explain-myths-title = 흔한 오해
myth-permanent = "SESSION_PERMANENT가 True면 브라우저가 켜져 있는 동안 세션이 유효하고, False면 PERMANENT_SESSION_LIFETIME 뒤에 끝난다." (Flask-Session 튜토리얼)
myth-permanent-fact = 반대입니다. 영구 세션(session.permanent가 True)은 지금부터 PERMANENT_SESSION_LIFETIME 뒤를 만료 시각으로 하는 쿠키를 받으므로 브라우저를 닫아도 남습니다. 영구가 아닌 세션은 Expires도 Max-Age도 없는 메모리 쿠키를 받고, 브라우저 세션이 끝나면 사라집니다. Flask-Session에서는 어느 쪽이든 서버 쪽 기록도 PERMANENT_SESSION_LIFETIME 뒤에 만료됩니다.
myth-secure = "세션은 안전하고 쿠키는 위험하다."
myth-secure-fact = 세션 ID도 쿠키이고, 세션이 살아 있는 동안은 비밀번호만큼 값집니다. HttpOnly 없는 XSS, Secure 없는 암호화되지 않은 네트워크, 로그 파일, 공용 컴퓨터를 통해 ID를 훔친 사람은 그 사용자로 로그인한 것입니다. OWASP 세션 관리 치트 시트도 서론에서 이렇게 말합니다. 인증된 세션의 ID는 그동안 애플리케이션이 쓰는 가장 강한 인증 수단과 같은 가치를 가집니다.
myth-memory = "메모리 쿠키는 브라우저를 닫으면 사라진다."
myth-memory-fact = Expires나 Max-Age가 없는 쿠키는 브라우저 세션이 끝날 때까지 보관되지만(RFC 6265, 5.3절), 이전 세션을 복원하는 브라우저는 훨씬 오래 간직하기도 합니다(MDN "Using HTTP cookies" 문서의 "Removal: defining the lifetime of a cookie" 절). 로그아웃을 여기에 맡기지 말고 서버에서 세션을 끝내세요.
myth-httponly = "HttpOnly는 쿠키를 사용자와 네트워크로부터 숨긴다."
myth-httponly-fact = HttpOnly는 페이지의 스크립트(document.cookie)로부터만 쿠키를 지킵니다. 쿠키는 여전히 모든 요청에 실려 가고, 사용자는 브라우저 도구에서 언제든 볼 수 있습니다. 네트워크에서 쿠키를 가려 주는 것은 HTTPS입니다. Secure 속성은 브라우저가 그 쿠키를 평문 HTTP 요청에는 절대 싣지 않게 할 뿐입니다. 평문 요청은 경로 위의 누구나 읽을 수 있기 때문입니다.
myth-localstorage = "토큰은 쿠키보다 localStorage에 두는 편이 안전하다."
myth-localstorage-fact = 페이지에서 실행되는 모든 스크립트가 localStorage를 읽을 수 있으므로, XSS 하나로 토큰이 공격자에게 넘어가고 공격자는 토큰이 살아 있는 동안 어디서든 그것을 씁니다. HttpOnly 쿠키는 스크립트가 아예 읽을 수 없습니다. XSS가 페이지가 열려 있는 동안 그 쿠키로 요청을 보낼 수는 있어도 쿠키를 가져가지는 못합니다. OWASP HTML5 보안 치트 시트("Local Storage" 절)가 그대로 말합니다. 데이터가 늘 JavaScript에 드러나므로 세션 식별자를 로컬 스토리지에 두지 말라고 합니다.
myth-path = "Path=/cookie면 그 쿠키는 사이트의 다른 곳과 떨어져 있다."
myth-path-fact = Path는 어느 요청에 쿠키를 실을지만 정할 뿐, 보안 경계가 아닙니다. 같은 출처의 다른 경로에 있는 스크립트가 /cookie 아래 페이지를 프레임으로 열고 거기서 쿠키를 읽을 수 있습니다(RFC 6265, 8.5절 "Weak Confidentiality": 쿠키는 경로별 격리를 늘 보장하지 않습니다). XSS 실습에서 한 게시판의 글이 다른 방식의 쿠키에 닿지 못하게 막는 것은 Path 속성이 아니라 프레임, 팝업, 수집기 밖으로의 요청을 금지하는 게시판의 Content-Security-Policy와 sandbox입니다.
myth-prefix = "__Host-와 __Secure-는 이름 짓는 관례일 뿐이다."
myth-prefix-fact = 브라우저가 강제합니다. 이름이 __Secure-로 시작하는 쿠키는 안전한 출처에서 Secure와 함께 올 때만 받아들여지고, __Host-로 시작하면 Path=/와 Domain 없음까지 필요합니다. 그래서 형제 서브도메인도, 평문 HTTP 페이지도 그 쿠키를 심거나 덮어쓰지 못합니다(RFC 6265bis, 4.1.3절 "Cookie Name Prefixes"). 이 앱은 cookie_secure를 켜면 세션 쿠키 이름을 __Host-sid로 씁니다.
myth-store-dump = "세션 저장소를 복사한 사람은 모든 세션을 가로챌 수 있다."
myth-store-dump-fact = 이 앱에서는 아닙니다. 기록은 ID 자체가 아니라 ID의 BLAKE2s 해시 아래에 저장되므로, 파일 저장소의 폴더 목록이나 Redis 키 목록에는 브라우저가 내밀 수 있는 값이 하나도 없습니다. 이 해시에는 키가 없습니다. 비밀 덕분이 아니라, ID가 아무도 열거할 수 없는 256비트 난수이기 때문에 안전합니다. 기록 자체(사용자, 역할, 시각, 폼 토큰)는 여전히 지켜야 할 정보입니다. 세션 가로채기 실습이 복사해 둔 ID를 담는 실습 책상은 signing_key에서 유도한 키로 봉인해 Redis에 둡니다. signing_key를 설정하지 않으면 그 키도 Redis 사본에 함께 들어 있습니다.
explain-sources-title = 참고 자료
source-rfc = 쿠키 문법, 속성, 만료, 한계
source-mdn = 속성과 브라우저 동작
source-owasp = ID, 만료 시간, 재발급, 쿠키 속성
source-flask = SESSION_PERMANENT의 실제 의미

## /instructor
instructor-title = 강사 대시보드
instructor-live = 활성 세션
instructor-filter = 사용자 이름으로 세션 찾기
instructor-start-link = 수업 시작하기: 접속 주소, 실습 순서, 켜야 할 설정
start-title = 수업 시작하기
start-join-hint = 학생들은 휴대폰이나 노트북에서 이 주소를 열고(또는 코드를 스캔하고), /register에서 자기 계정을 만든 뒤 로그인합니다. 학생 세션의 모든 페이지에는 인스펙터의 마지막 칸에 세션 지문이 나옵니다. 대시보드에서 그 지문으로 학생을 찾으세요.
start-order-title = 가르치는 순서대로 본 실습
start-order-hint = 실습마다 5분쯤 걸립니다. 설정은 해당 실습 동안에만 켜고 끝나면 끄세요. 대시보드의 "수업 초기화"는 모든 학생 세션을 끝내고 모든 설정을 끕니다.
start-preset-expiry = 켜기: 30초 만료
start-preset-weak = 켜기: 약한 세션 ID
start-preset-board = 선택: 수업 게시판
instructor-lab-state = 지금 보관 중인 실습 상태: 실습 책상 { $desks }개, 인스펙터 영수증 { $receipts }개. 주소별 속도 제한으로 보류된 이벤트: { $dropped }개.
instructor-lead = 이 서버의 { $store ->
        [memory] 메모리
        [file] 파일
        [redis] Redis
        [sqlite] SQLite
        [postgres] PostgreSQL
        [memcached] memcached
       *[other] { $store }
    } 저장소에 있는 모든 활성 세션입니다. 이 화면은 프로젝터에 띄우는 용도라서 세션을 ID가 아니라 지문으로만 보여 줍니다.
instructor-key-apart = 이 서버는 시작할 때 Redis에 연결하지 못해 자기만의 키로 서명하고 있습니다. 그래서 이 서버에서 받은 서명 쿠키와 실습 양식은 이 서버에서만 통합니다. Redis가 응답하는 지금 이 서버를 다시 시작하거나, 모든 서버에 signing_key를 설정하세요.
instructor-only = 이 대시보드는 강사 세션만 쓸 수 있습니다. 이 세션의 기록에는 학생이라고 적혀 있고, 어떤 쿠키로도 바꿀 수 없습니다.
instructor-sessions = 활성 세션 { $n }개
instructor-col-fingerprint = 지문
instructor-col-user = 사용자
instructor-col-role = 역할
instructor-col-instance = 인스턴스
instructor-yours = 내 세션
instructor-revoke = 무효화
instructor-none = 활성 세션이 없습니다.
instructor-no-match = 이름에 그 글자가 들어간 사용자의 활성 세션이 없습니다.
instructor-rows-hidden = 세션 { $n }개가 더 있지만 여기에는 보이지 않습니다. 위에 사용자 이름을 입력해 찾으세요.
instructor-fingerprint-hint = 지문은 ID를 일방향 해시한 값의 앞부분입니다. 세션을 구별할 수는 있지만 ID로 되돌릴 수는 없습니다. 무효화하면 기록이 지워지고, 그 ID로 오는 다음 요청은 거부됩니다.
instructor-held-newest = 아래는 가장 최근 세션 #{ $fingerprint }를 저장소가 보관하는 그대로 보여 줍니다(CSRF 토큰은 뺐습니다).
instructor-revoked-nobody = { $user }의 활성 세션이 없어서 아무것도 무효화하지 않았습니다. 철자나 아래 목록을 확인하세요.
instructor-reset-confirm = 수업을 초기화할까요? 지금 이 세션을 뺀 모든 세션이 끝나고, 실습 게시글·수집된 데이터·프리셋이 지워집니다.
instructor-revoke-all-confirm = 지금 이 세션을 뺀 모든 세션을 끝낼까요? 모든 학생이 다시 로그인해야 합니다.
instructor-revoked = 세션 { $n }개를 무효화했습니다.
instructor-revoke-user-title = 한 사용자의 모든 세션 무효화
instructor-revoke-user = 이 사용자의 세션 모두 무효화
instructor-revoke-all-title = 모든 세션 무효화
instructor-revoke-all-hint = 모든 학생이 세션 방식에서 한 번에 로그아웃됩니다. 이 페이지가 열려 있도록 지금 이 세션은 남깁니다. 쿠키 방식은 아예 무효화할 수 없습니다. 서버에 지울 것이 없기 때문입니다.
instructor-revoke-all = 내 세션만 빼고 모두 무효화

## 보안 실습
nav-lab = 보안 실습
lab-next = 다음 실습:
lab-all = 모든 실습으로 돌아가기
lab-title = 보안 실습
lab-lead = 스스로에게 시도해 볼 수 있는 공격입니다. 여러 방식에 나란히 해 봅니다. 각 실습은 무엇을 할지, 각 방식에서 무엇이 보일지, 왜 그런지, 실제 시스템은 어떻게 막는지를 설명합니다. 공격자의 도구가 들어 있어서 두 번째 브라우저나 개발자 도구가 필요 없습니다.
lab-weak-label = 이 실습만을 위한, 일부러 위험하게 만든 도구입니다
lesson-do = 할 일
lesson-see = 보게 될 것
lesson-why = 왜 그런가
lesson-prevent = 실제 시스템은 이렇게 막습니다
lesson-refs = 참고 자료
tamper-title = 쿠키 변조: 내 쿠키 고치기
tamper-summary = 역할 쿠키를 instructor로 바꾸고 어느 강사 전용 페이지가 들여보내 주는지 보세요. 그다음 세션 ID를 고쳐서 다른 사람이 되어 보려고 해 보세요.
tamper-step-1 = 두 방식 모두에서 학생 abc로 로그인하세요(나란히 보기가 가장 빠릅니다).
tamper-step-2 = 쿠키 편집기에서 role과 instructor를 그대로 두고 설정을 누르세요. 아래 두 프레임이 다시 읽힙니다.
tamper-step-3 = 쿠키 방식의 강사 전용 페이지는 들여보내 주고, 세션 방식의 강사 전용 페이지는 그렇지 않습니다.
tamper-step-4 = 이번에는 sid를 고르고 아무 값이나 입력한 뒤 설정을 누르세요. 세션 방식을 열면 그냥 로그아웃되어 있습니다.
tamper-editor-title = 쿠키 편집기
tamper-editor-name = 쿠키
tamper-editor-value = 새 값
tamper-editor-set = 내 브라우저에 설정
tamper-editor-hint = 해당 방식과 같은 Path와 속성으로 쿠키를 써서 브라우저가 진짜 쿠키를 바꿔치기하게 합니다. 누구나 브라우저의 개발자 도구로 할 수 있는 일과 똑같습니다.
tamper-edited = 이제 브라우저에는 입력한 값의 { $name } 쿠키가 들어 있습니다.
tamper-staff-open = 강사로 들여보내 줍니다
tamper-staff-refused = 거부합니다. 서버는 진짜 역할을 압니다
tamper-staff-login = 이 방식에 로그인하지 않았습니다. 먼저 로그인하세요
tamper-see-cookie = 계정 저장소에 abc는 학생이라고 되어 있는데도 role=instructor이면 강사 전용 페이지가 열립니다. 서버가 클라이언트가 쓴 값을 믿었기 때문입니다.
tamper-see-session = 강사 전용 페이지는 계속 닫혀 있습니다. 역할은 서버에 있는 세션 기록에서 읽으므로 어떤 쿠키로도 바꿀 수 없습니다. 고친 sid는 어떤 세션도 가리키지 않으므로 로그아웃될 뿐입니다.
tamper-why = 쿠키는 클라이언트가 보내는 그대로입니다. 서버가 보호하지 않는 한 그 안의 어떤 것도 보호되지 않고, 보호 장치 없는 역할 쿠키는 그냥 글자일 뿐입니다. 세션 방식은 추측할 수 없을 만큼 무작위인 ID 말고는 서버가 믿는 것을 하나도 보내지 않습니다.
tamper-prevent = 권한은 절대 클라이언트가 조작할 수 있는 데이터로 정하지 마세요. 역할은 서버(세션 기록이나 계정)에 두고, 상태를 꼭 클라이언트에 둬야 한다면 변경을 알아챌 수 있도록 서명하세요(Flask의 기본 세션이나 JWT 같은 서명된 쿠키 방식). 그래도 권한은 서버에서 다시 확인하세요.
tamper-ref-owasp = 세션 데이터는 서버에 두고, 권한 판단을 클라이언트에 맡기지 않기
hijack-title = 세션 하이재킹: 훔친 쿠키를 다시 보내는 재전송 공격
hijack-summary = 내 쿠키를 복사해 다른 "브라우저"의 공격자로서 다시 보내 보고, 로그아웃한 뒤 한 번 더 보내 보세요. 한 방식의 훔친 쿠키는 계속 통하고, 다른 방식의 것은 세션이 끝나는 순간 통하지 않습니다.
hijack-step-1 = 두 방식 모두에서 abc로 로그인하세요.
hijack-step-2 = 쿠키 방식: 쿠키 방식 페이지를 열고 "JavaScript가 읽을 수 있는 것" 창에 보이는 쿠키를 복사해(페이지의 어떤 스크립트든 할 수 있는 일입니다) 아래에 붙여 넣으세요. 다시 보내기를 누르세요.
hijack-step-3 = 세션 방식: 암호화되지 않은 네트워크를 엿보는 사람처럼 "내 세션 ID 엿보기"를 누르고, 다시 보내기를 누르세요. 두 번 모두 공격자가 abc로 로그인한 것으로 나옵니다.
hijack-step-4 = 두 방식 모두에서 로그아웃한 뒤 돌아와서 둘 다 다시 보내 보세요.
hijack-step-5 = 강사: 학생으로 다시 로그인해 엿본 뒤, 대시보드에서 그 세션을 무효화하세요. 다음 다시 보내기는 즉시 거부됩니다.
hijack-attacker-title = 공격자의 브라우저
hijack-paste = 훔친 Cookie 헤더 (쿠키 방식)
hijack-replay = 공격자로서 다시 보내기
hijack-steal = 내 세션 ID 엿보기
hijack-stolen = 공격자가 가진 것:
hijack-nothing-stolen = 공격자는 아직 아무것도 갖고 있지 않습니다. ID는 서버에만 보관하고 화면에는 보여 주지 않습니다. 여기에 표시하면 어떤 스크립트든 읽을 수 있기 때문입니다.
hijack-replayed = { $n }초 전에 다시 보냄:
hijack-attacker-in = 공격자가 { $user }(으)로 로그인했습니다.
hijack-attacker-staff = ...게다가 강사 전용 페이지까지 열립니다.
hijack-nothing-pasted = 다시 보낼 것이 없습니다. 붙여 넣은 글에 username, password, role이 하나도 없습니다. 쿠키 방식의 "JavaScript가 읽을 수 있는 것" 창에 보이는 내용을 전부 또는 일부 복사해서 다시 붙여 넣으세요.
hijack-attacker-out = 거부됨: 공격자는 로그인하지 못했습니다.
hijack-see-cookie = 다시 보내기로 공격자가 로그인하고, 피해자가 로그아웃한 뒤에도 계속 그렇습니다. 로그아웃은 브라우저에게 잊어 달라고 부탁했을 뿐이고, 훔친 쿠키 속 비밀번호는 바뀌기 전까지 유효하기 때문입니다.
hijack-see-session = 세션이 살아 있는 동안은 다시 보내기가 통하지만, 로그아웃하거나 만료되거나 강사가 무효화하는 순간 거부됩니다. 서버가 기록을 지우면 ID는 아무 의미가 없습니다.
hijack-why = 서버는 유효한 인증 정보를 내미는 사람을 그 사용자로 여깁니다. 비밀번호는 쿠키 방식의 모든 요청에 실려 다니고 저절로 만료되지 않습니다. 세션 ID는 서버가 수명을 쥐고 있는 임시 인증 정보입니다.
hijack-prevent = ID를 스크립트가 읽지 못하게 하고(HttpOnly), 암호화되지 않은 네트워크에 싣지 말고(HTTPS와 Secure), 세션을 짧게 유지하고(유휴 시간 만료와 절대 만료), 로그아웃하면 지우고, 사용자와 관리자가 무효화할 수 있게 하고, 로그인할 때마다 새 ID를 발급하세요. 쿠키에 비밀번호를 넣지 마세요.
hijack-ref-owasp = 세션 만료, 로그아웃, HttpOnly와 Secure, ID 재발급
instructor-events-title = 실시간 이벤트
instructor-events-empty = 수업을 기다리는 중입니다. 로그인, 로그아웃, 무효화가 일어나는 대로 여기에 나타납니다.
instructor-feed-live = 실시간: 이 수업의 모든 서버에서 일어난 이벤트가 바로 도착합니다.
instructor-feed-reconnecting = 다시 연결하는 중: 이벤트가 늦게 올 수 있습니다. 보관된 이벤트는 사라지지 않으며, 연결되면 목록이 채워집니다.
flow-label = { $flow ->
        [cookie] 쿠키
        [session] 세션
       *[signed] 서명
    }
event-login = { $user } 로그인 ({ $flow } 방식)
event-logout = { $user } 로그아웃 ({ $flow } 방식)
event-login-failed = "{ $user }"(으)로 로그인 실패 ({ $flow } 방식)
event-revoked = 세션 무효화: { $user }
event-throttled = "{ $user }"의 비밀번호 확인이 실패가 너무 많아 잠시 멈춤 ({ $flow } 방식)
event-expired = 만료된 세션 { $user }개를 정리함
instructor-presets-title = 수업 프리셋
preset-expiry-on = 30초 만료가 켜져 있습니다. 새 세션은 { $s }초 동안 활동이 없으면 끝납니다.
preset-expiry-off = 새 세션은 { $s }초 동안 활동이 없으면 끝납니다(설정된 시간).
preset-expiry-switch-on = 30초 만료 켜기
preset-expiry-switch-off = 짧은 만료 끄기
instructor-reset = 수업 초기화
instructor-reset-hint = 내 세션을 뺀 모든 세션을 무효화하고, 실습 공격자가 가진 것과 인스펙터 기록을 모두 지우고, 프리셋을 끕니다.
expiry-title = 만료: 스스로 끝나는 세션
expiry-summary = 요청이 없으면 세션이 스스로 끝나는 것을 보고, 사용해서 세션을 살려 두고, "쿠키 유지"가 각 방식에서 무엇을 바꾸는지 확인하세요.
expiry-now = 지금 새 세션은 마지막 요청 후 { $idle }초, 로그인 후 늦어도 { $absolute }초에 끝납니다.
expiry-step-1 = 강사: 대시보드에서 30초 만료를 켜세요(Flask-Session 튜토리얼의 시연). 모두: 그다음 아래에서 세션 방식으로 로그인하세요.
expiry-step-2 = 인스펙터의 "서버가 보관하는 것" 창의 카운트다운을 보세요. 0이 될 때까지 아무것도 하지 말고, 프레임을 새로 고치면 로그아웃되어 있습니다.
expiry-step-3 = 다시 로그인하고 몇 초마다 프레임 안에서 이것저것 눌러 보세요. 요청할 때마다 유휴 시간 카운트다운이 다시 시작됩니다.
expiry-step-4 = 두 방식 모두 "쿠키 유지"를 켜고 한 번, 끄고 한 번 로그인해서 인스펙터의 Set-Cookie 줄을 비교하세요. Max-Age는 켰을 때만 나타납니다.
expiry-see-session = 시간이 다 되면 브라우저가 무엇을 하든 서버에서 세션이 끝납니다. 카운트다운이 0이 되고, 다음 요청은 기록을 찾지 못합니다.
expiry-see-cookie = 서버는 아무것도 보관하지 않으므로 서버에서 만료되는 것도 없습니다. 로그인은 브라우저가 쿠키를 갖고 있는 동안 유지되고, 쿠키의 사본은 만료되지 않습니다.
expiry-memory-title = 메모리 쿠키와 영구 쿠키
expiry-memory = "쿠키 유지"를 끄면 쿠키에 Expires도 Max-Age도 없습니다. 브라우저 세션이 끝날 때 사라지는 메모리(세션) 쿠키입니다. 다만 탭을 복원하는 브라우저는 이를 간직하기도 합니다. 켜면 Max-Age가 붙어 재시작에도 살아남는 영구 쿠키가 됩니다. 어느 쪽이든 세션 방식에서 세션이 언제 끝날지는 서버만 정합니다. 쿠키가 먼저 사라지면(브라우저를 닫을 때의 메모리 쿠키) 세션은 아무도 쓸 수 없는 채로 만료될 때까지 서버에 남고, 세션이 먼저 끝나면 브라우저는 더는 아무것도 열지 못하는 ID를 계속 보냅니다.
expiry-why = 유휴 시간 만료는 잊고 잠그지 않은 컴퓨터나 훔친 ID가 쓸모 있는 시간을 줄이고, 절대 만료는 계속 쓰이는 ID조차 그 시간을 제한합니다.
expiry-prevent = 두 만료를 모두 서버에서 강제하고(OWASP 세션 관리 치트 시트의 "Idle Timeout" 절은 중요한 애플리케이션에 2~5분, 위험이 낮은 애플리케이션에 15~30분을 제시합니다), 로그아웃하면 세션을 끝내고, 브라우저가 쿠키를 잊어 주기를 기대하지 마세요.
fixation-title = 세션 고정: 로그인 전에 심어 둔 ID
fixation-summary = 공격자가 로그인 전에 피해자의 브라우저에 세션 ID를 심어 둡니다. 그 ID를 그대로 쓰는 로그인은 세션을 공격자에게 넘겨주고, 새 ID를 발급하는 로그인은 그렇지 않습니다.
fixation-step-1 = 공격자: "이 브라우저에 ID 심기"를 누르세요. 이제 공격자는 ID 하나를 알고 있고, 이 브라우저는 그것을 sid로 갖고 있습니다.
fixation-step-2 = 피해자: 브라우저가 가져온 ID를 그대로 쓰는 취약한 로그인으로 로그인하세요. 공격자: 심어 둔 ID를 다시 보내세요. 피해자로 로그인되어 있습니다.
fixation-step-3 = 새 ID를 다시 심고, 이번에는 진짜 세션 방식으로 로그인한 뒤 다시 보내 보세요. 거부됩니다.
fixation-step-4 = 로그인할 때마다 세션 방식의 인스펙터를 보세요. 진짜 로그인의 Set-Cookie에는 새 ID가 실려 있습니다.
fixation-attacker = 공격자
fixation-victim = 피해자
fixation-plant = 이 브라우저에 ID 심기
fixation-planted = 공격자가 심어 두고 기억하는 것:
fixation-replaced = (로그인이 바꿔 버려서 브라우저에는 더 이상 없습니다)
fixation-nothing-planted = 아직 심은 것이 없습니다.
fixation-unsafe-label = ID를 그대로 쓰는 로그인 (취약)
fixation-safe-label = 세션 방식의 진짜 로그인(로그인할 때 새 ID)
fixation-login-unsafe = 내 세션 ID 그대로 로그인
fixation-login-safe = 진짜 세션 방식으로 로그인
fixation-see-unsafe = 세션이 심어 둔 ID로 만들어지므로, 공격자가 다시 보내면 피해자로 로그인됩니다.
fixation-see-session = 진짜 로그인은 가져온 ID를 지우고 새 ID를 발급합니다. 심어 둔 ID는 아무것도 가리키지 않으므로 다시 보내기는 거부됩니다.
fixation-see-cookie = 심을 ID가 없습니다. 하지만 사용자의 쿠키를 설정할 수 있는 공격자는 사용자를 자기 계정으로 로그인시키거나, 사용자가 비밀번호를 입력하면 그것을 읽을 수 있으니 더 나쁩니다.
fixation-why = 로그인 전에 알려진 ID는 로그인 후에도 알려져 있습니다. 로그인이 기존 세션에 "인증됨" 표시만 한다면, 그 ID를 미리 고르거나 본 사람도 인증된 것입니다.
fixation-prevent = 로그인할 때와 권한이 바뀔 때마다 새 세션 ID를 발급하고(ASVS 5.0 요구 사항 7.2.4), 서버가 발급하지 않은 ID나 주소(URL)에서 읽은 ID는 절대 받아들이지 마세요. SameSite는 여기서 도움이 되지 않습니다. SameSite는 브라우저가 쿠키를 언제 보낼지를 정할 뿐, 누가 쿠키를 설정할 수 있는지는 정하지 않습니다. 공격자는 상위 도메인에 쿠키를 설정하는 형제 서브도메인, XSS, 평문 HTTP 응답에 끼워 넣은 Set-Cookie로 ID를 심습니다. __Host- 이름 접두사(호스트 전용, Secure, Path=/)와 HSTS가 이 경로들을 막습니다.
wire-title = 네트워크를 지나간 이 요청
wire-bytes = 요청 줄과 헤더 { $bytes }바이트가 평문 HTTP에서는 암호화 없이 오갑니다.
wire-note-cookie = 강조한 글자가 여러분의 비밀번호입니다. 이 방식으로 가는 모든 요청마다 네트워크를 지나갑니다.
wire-note-session = 별표는 세션 ID를 나타냅니다. 스크립트가 읽을 수 있는 페이지에는 표시할 수 없지만, 암호화되지 않은 네트워크를 엿보는 사람은 글자 하나하나를 다 봅니다.
wire-note-signed = 별표는 서명된 토큰을 나타냅니다. 스크립트가 읽을 수 있는 페이지에는 표시할 수 없지만, 암호화되지 않은 네트워크를 엿보는 사람은 글자 하나하나를 베낄 수 있고, 그 사본은 안에 적힌 만료 시각까지 통합니다.
sniff-title = 스니핑: 네트워크를 지나가는 것
sniff-summary = 같은 암호화되지 않은 네트워크에 있는 누구나 읽을 수 있는 그대로, 각 방식의 요청 하나를 바이트 단위로 보여 줍니다. HTTPS와 Secure 속성이 무엇을 바꾸는지도 봅니다.
sniff-step-1 = 두 방식 모두 로그인한 뒤(나란히 보기가 가장 빠릅니다) 여기로 돌아오세요.
sniff-step-2 = 각 프레임을 읽어 보세요. 방식마다 요청 하나의 요청 줄과 헤더가 오간 그대로 있습니다.
sniff-step-3 = 쿠키 방식의 요청에서 비밀번호를 찾아보세요. 그다음 세션 방식의 요청에서 비밀스러운 것을 찾아보세요.
sniff-secure-off = 이 서버는 cookie_secure 없이 돌고 있습니다. sid 쿠키에 Secure 속성이 없으므로 브라우저는 평문 HTTP로도 이 쿠키를 보냅니다. HTTPS 뒤에서는 cookie_secure = true로 설정하세요.
sniff-secure-on = 이 서버는 sid 쿠키에 Secure를 붙입니다. 브라우저는 HTTPS로만 이 쿠키를 보냅니다.
sniff-see-cookie = 모든 요청에 비밀번호가 평문으로 있습니다. 요청 하나만 본 사람도 비밀번호를 영영 갖게 됩니다.
sniff-see-session = ID뿐입니다. 본 사람은 세션이 끝날 때까지 그것을 쓸 수 있지만 비밀번호는 알 수 없고, 로그아웃이나 만료가 되면 쓸모없어집니다.
sniff-https-title = HTTPS와 Secure가 바꾸는 것
sniff-https = HTTPS는 브라우저와 서버 사이에서 헤더와 쿠키를 포함한 요청 전체를 암호화합니다. 네트워크를 엿보는 사람에게는 뒤섞인 바이트만 보입니다. 하지만 브라우저와 서버가 갖고 있는 것에는 아무 영향이 없습니다. 쿠키 방식의 비밀번호는 여전히 브라우저에 있어 스크립트가 읽을 수 있고, 여전히 모든 요청마다 서버로 갑니다.
sniff-secure = Secure 속성은 브라우저에게 평문 HTTP로는 쿠키를 절대 보내지 말라고 알립니다. 그래서 암호화되지 않은 요청 하나(직접 입력한 http:// 주소, http://로 바뀐 링크)로 쿠키가 새지 않습니다. HSTS(Strict-Transport-Security)는 브라우저가 사이트 전체에 HTTPS를 쓰도록 합니다.
sniff-why = 쿠키는 요청 헤더에 실려 갑니다. 평문 HTTP에서 헤더는 경로 위의 어떤 기계든 읽을 수 있는 글자입니다.
sniff-prevent = 모든 것을 HTTPS로 제공하고, 세션 쿠키에 Secure(그리고 HttpOnly, SameSite)를 붙이고, HSTS를 보내고, 비밀번호나 오래 가는 값은 절대 쿠키에 넣지 마세요.
xss-title = XSS: 쿠키를 읽는 스크립트
xss-summary = 각 방식 아래에 글을 이스케이프하지 않고 그대로 출력하는 게시판이 있습니다. document.cookie를 실습 수집기로 보내는 스크립트를 올리고, 각 방식이 무엇을 내주는지 보세요.
xss-step-1 = 두 방식 모두에서 abc로 로그인하세요.
xss-step-2 = 쿠키 방식의 게시판을 열고 아래 스크립트를 올리세요. 페이지가 다시 읽히면서 그 글이 여러분의 브라우저에서 실행됩니다.
xss-step-3 = 세션 방식의 게시판에서도 똑같이 하세요.
xss-step-4 = "수집기가 받은 것"을 여세요. 쿠키 방식의 글은 사용자 이름, 비밀번호, 역할을 보냈고, 세션 방식의 글은 sid를 보내지 못했습니다.
xss-payload-hint = 글마다 이 브라우저용 티켓이 붙은 수집기 주소가 들어 있고, 스크립트는 document.currentScript로 그것을 찾습니다. 게시판의 스크립트는 수집기에만 닿을 수 있습니다. 이 페이지의 정책이 다른 모든 요청, 프레임, 팝업을 막습니다.
xss-open-cookie = 쿠키 방식 게시판
xss-open-session = 세션 방식 게시판
xss-see-cookie = 스크립트가 document.cookie에서 사용자 이름, 비밀번호, 역할을 읽어 밖으로 보냅니다. 공격자는 이제 비밀번호 자체를 갖게 됩니다.
xss-see-session = 스크립트는 똑같이 실행되지만 document.cookie에 sid가 없습니다. HttpOnly가 모든 스크립트로부터 지켜 주기 때문입니다. (그래도 페이지가 열려 있는 동안 스크립트는 사용자인 척 행동할 수 있으므로, XSS는 가두는 것만으로는 안 되고 막아야 합니다.)
xss-why = 페이지가 이스케이프하지 않고 출력한 것은 스크립트까지 포함해 페이지의 일부가 되고, 페이지의 모든 권한으로 실행됩니다. HttpOnly가 없는 쿠키를 모두 읽고, 사용자로서 요청을 보낼 수 있습니다.
xss-prevent = 모든 출력을 기본으로 이스케이프하고(이 앱의 템플릿은 이 게시판만 빼고 모두 그렇게 합니다), 입력을 검증하고, 인라인 스크립트를 금지하는 Content-Security-Policy를 보내고, 세션 쿠키에 HttpOnly를 붙이고, 스크립트가 닿는 곳에 비밀을 두지 마세요.
board-title = 게시판
board-weak-label = 일부러 안전하지 않게 만들었습니다: 글을 이스케이프하지 않고 출력합니다
board-contained = 격리됨: 글의 마크업은 글쓴이의 브라우저에서만 실행됩니다. 다른 사람에게는 글자로 보입니다.
board-class-on = 반 게시판 켜짐: 모든 글의 마크업이 모든 학생의 브라우저에서 실행됩니다 (강사의 브라우저에서는 실행되지 않습니다).
board-instructor-safe = 여러분은 강사이거나, 이 브라우저에서 강사가 로그인한 적이 있습니다. 여기서는 글이 항상 글자로만 보이고 실행되지 않습니다.
board-write = 올릴 글 (여기서는 일부러 HTML을 허용합니다)
board-post = 올리기
board-anonymous = 익명
board-escaped = 글자로 표시
board-empty = 아직 글이 없습니다.
board-login-needed = 먼저 이 방식에 로그인하세요. 글의 스크립트는 브라우저가 이 방식에 대해 가진 것을 읽습니다. 로그인하지 않으면 읽을 것이 없고, 빈 결과는 안전해 보이기만 합니다.
board-feedback-title = 글의 스크립트가 수집기로 보낸 것
board-feedback-empty = 아직 없습니다. 아래에 실습의 스크립트를 올리면, 그 스크립트가 읽은 것이 여기에 나타납니다.
board-feedback-hint = 이 방식의 게시판에서 온 가장 최근 항목입니다. 전체는 수집기 페이지에 있습니다:
board-source = 이 글이 실행한 마크업
stolen-title = 수집기가 받은 것
stolen-lead = 게시판의 스크립트가 /lab/stolen으로 보낸 것입니다. 이 브라우저에서 보냈거나 여러분의 글이 보낸 것만 보이며, 여러분과 강사만 볼 수 있습니다.
stolen-empty = 아직 받은 것이 없습니다.
stolen-nothing-readable = (비어 있는 document.cookie: 읽을 수 있는 것이 없음)
preset-board-switch-on = 수업 게시판 켜기
preset-board-switch-off = 수업 게시판 끄기
instructor-posts = 게시판 글
instructor-delete-post = 이 글 삭제
instructor-join-title = 학생 접속 주소
instructor-join-qr = 학생이 접속할 주소의 QR 코드
instructor-join-loopback = 루프백 주소라서 학생 기기에서는 접속할 수 없습니다. ROCKET_ADDRESS=0.0.0.0으로 서버를 시작하고, 이 컴퓨터의 네트워크 주소로 대시보드를 여세요.
banner-weak-ids = 약한 세션 ID가 켜져 있습니다: 새 세션은 추측할 수 있는 카운터 ID를 받습니다(추측 실습). 실제 계정을 쓰지 마세요.
preset-weak-off = 세션 ID는 운영체제의 CSPRNG(256비트)에서 나옵니다.
preset-weak-switch-on = 약한(카운터) 세션 ID 켜기
preset-weak-switch-off = 약한 ID 끄기
event-guess-failed = 세션 ID 추측 실패
event-guess-hit = 추측한 ID로 { $user }의 활성 세션을 찾음
guess-title = 추측: 세션 ID를 예측할 수 있을까?
guess-summary = ID를 만드는 네 가지 방법을 나란히 놓고, 각각 몇 번 추측해야 하는지 보고, 계산기로 따져 봅니다. 강사가 약한 ID 프리셋을 켜면 추측으로 친구의 세션을 가로채 봅니다.
guess-step-1 = 생성기를 보세요. 카운터, 타임스탬프, 카운터의 md5, 그리고 이 앱이 쓰는 CSPRNG입니다. 어느 것을 예측할 수 있을까요?
guess-step-2 = 계산기를 써 보세요. 활성 세션 30개를 상대로 초당 10억 번 추측하면, 각 생성기의 비트 수로는 얼마나 걸릴까요?
guess-step-3 = 강사: 약한 세션 ID를 켜세요. 모두 자기 계정으로(먼저 /register에서 만들어 두면 찾은 세션에 친구의 이름이 나옵니다) 세션 방식에 다시 로그인한 뒤 여기로 돌아옵니다. 아래에 여러분의 ID와 그 카운터가 나타납니다.
guess-step-4 = "다음 ID 시도"(또는 "이전 ID 시도")를 몇 번 누르세요. 맞으면 그 ID가 여는 활성 세션의 주인, 곧 친구의 이름이 나옵니다. "사용하기"를 누르면 이 브라우저가 그 친구가 됩니다("이 브라우저는 지금 … 행동합니다" 줄과 세션 방식이 그렇다고 말합니다). 그다음 강사가 약한 ID를 끄고 모두 다시 로그인합니다.
guess-generators = 생성기
guess-col-generator = 생성기
guess-col-samples = 지금 만들어 낼 ID 세 개
guess-col-bits = 추측해야 할 비트
guess-gen-counter = 카운터
guess-gen-timestamp = 로그인 시각
guess-gen-md5 = 카운터의 MD5
guess-gen-csprng = CSPRNG, 256비트
guess-note-counter = 각 ID는 앞의 ID에 1을 더한 값입니다. 내 ID를 알면 모두의 ID를 압니다. 비트 수는 지금까지 발급된 ID 개수의 비트입니다.
guess-note-timestamp = 밀리초 단위 로그인 시각입니다. 1분은 6만 밀리초이므로, 몇 분에 로그인했는지 아는 공격자는 많아야 6만 번, 평균 3만 번이면 됩니다.
guess-note-md5 = 추측할 수 있는 값을 해시해도 달라지는 것은 없습니다. 내 주변의 카운터 값을 해시하면 그것이 ID입니다.
guess-note-csprng = 운영체제에서 받은 256비트입니다. 예측할 것도, 하나씩 셀 것도 없습니다.
guess-calculator = 무차별 대입 계산기
guess-calc-bits = 엔트로피 비트
guess-calc-rate = 초당 추측 횟수
guess-calc-sessions = 노릴 활성 세션 수
guess-calc-go = 계산
guess-calc-answer = 평균적으로 { $time } 뒤에 처음 맞힙니다.
guess-try-title = ID 시도하기
guess-own-id = 약한 ID가 켜져 있는 동안에만 보여 주는 내 세션 ID:
guess-candidate = 시도할 세션 ID
guess-try = 시도
guess-no-start = 시작할 약한 ID가 없습니다. 약한 ID가 켜져 있는 동안 세션 방식에 다시 로그인한 뒤 여기로 돌아오세요.
guess-neighbour-hint = 누를 때마다 마지막으로 시도한 ID(처음에는 여러분의 ID)를 디코딩해 1을 빼거나 더하고 다시 인코딩합니다. 공격자가 손으로 하는 계산 그대로입니다.
guess-next = 다음 ID 시도
guess-previous = 이전 ID 시도
guess-counter = 카운터 { $n }
guess-own-counter = base64url을 디코딩하면 카운터 { $n }번입니다. 다음 학생의 ID는 { $n } + 1번을 같은 방식으로 인코딩한 것입니다.
guess-own-user = 이 브라우저는 지금 { $user }(으)로 행동합니다.
guess-hit = 맞음: 이 ID는 { $user }의 활성 세션입니다.
guess-use = 사용하기: 이 브라우저에서 { $user }의 세션 가로채기
guess-tried = 시도한 ID:
guess-hit-ended = 그 세션은 그 뒤에 끝났습니다. 이제 그 ID로는 아무것도 열리지 않습니다.
guess-miss = 틀림: 이 ID를 가진 활성 세션이 없습니다.
guess-see-session = CSPRNG라면 모든 추측이 영원히 빗나갑니다. 약한 ID라면 내 ID의 이웃이 곧 친구들의 세션입니다.
guess-see-cookie = 추측할 ID는 없지만 비밀번호가 있습니다. 쿠키 방식은 사용자 비밀번호만큼만 강하고, 요청마다 그것을 확인합니다.
guess-why = ID의 강도는 공격자가 시도해야 하는 값의 개수, 그것뿐입니다. 카운터, 시계, 그리고 그것들의 해시는 그 수가 적습니다. ASVS 5.0 요구 사항 7.2.3은 세션 토큰을 CSPRNG로 만들고 엔트로피를 최소 128비트로 하라고 요구합니다. OWASP 세션 관리 치트 시트("Session ID Entropy" 절)의 하한은 64비트입니다.
guess-prevent = ID는 암호학적으로 안전한 난수 생성기로 만들고(ASVS 5.0 요구 사항 7.2.3에 따라 최소 128비트, 이 앱은 256비트), 카운터, 시계, 사용자 데이터로 만들지 말고, 실패한 조회가 많아지는지 지켜보세요.

## 서명 방식
nav-signed = 서명 방식
signed-flow-name = 서명 방식: 서버가 서명한 쿠키
signed-login-title = 로그인: 서명 방식
signed-login-lead = 여기서 로그인하면 서버는 여러분이 누구인지(사용자, 역할, 만료 시각)를 쿠키 하나에 적고, 자기만 아는 키로 서명합니다. 이 앱은 HS256 JWT처럼 HMAC-SHA256으로 서명합니다. Flask의 기본 세션도 같은 방식이지만 itsdangerous를 통해 HMAC-SHA1로 서명합니다. 서버는 아무것도 보관하지 않고, 서명이 곧 증명입니다.
signed-remember-hint = 체크하지 않으면 메모리 쿠키입니다. 체크하면 Max-Age가 붙어 토큰 자체의 만료 시각까지 남습니다. 만료 시각은 서명으로 보호됩니다.
signed-home-verified = 서버는 여러분에 대해 아무것도 기억하지 않았습니다. 쿠키에서 사용자와 역할을 읽고 서명을 확인했습니다. 키가 없는 사람은 그 쿠키를 쓸 수 없습니다.
signed-role = 역할 (서명된 내용에서 읽음)
signed-logout-hint = 로그아웃은 브라우저에게 쿠키를 지워 달라고 부탁할 뿐입니다. 서버는 토큰 목록을 갖고 있지 않으므로, 미리 만든 사본은 만료될 때까지 계속 통합니다.
signed-rejected = 브라우저가 서명된 쿠키를 보냈지만 서명이 맞지 않거나 만료되어 로그인되지 않았습니다.
signed-staff-why-in = 역할은 서명된 내용에서 나왔습니다. 읽을 수는 있었지만, 서명을 깨뜨리지 않고는 바꿀 수 없었습니다.
signed-staff-hint = 역할은 누구나 읽을 수 있게 쿠키에 들어 있지만 서명되어 있습니다. 고치면 서명이 더 이상 맞지 않습니다.
pane-js-signed = 서명된 쿠키에는 HttpOnly가 붙어 있어 스크립트는 읽을 수 없습니다. 그래도 여러분은 읽을 수 있습니다. 내용은 암호화가 아니라 인코딩만 되어 있기 때문입니다.
pane-stores-signed = 여러분에 대한 것은 아무것도 없습니다. 서명 키만 있습니다. 나머지는 모두 쿠키에 실려 다닙니다.
pane-stores-signed-payload = 쿠키에 실린 내용을 누구나 할 수 있는 방식으로 디코딩한 것입니다(서명은 보여 주지 않습니다):
facts-password-signed = 어디에도 없습니다. 여러분이 누구인지에 대한 서명된 진술만 있습니다.
facts-logout-signed = 브라우저에게 쿠키를 지워 달라고 부탁합니다. 사본은 만료될 때까지 계속 통합니다.
compare-third = 서명 방식을 세 번째 열로 보기
compare-two = 두 열로 돌아가기
signed-lesson-title = 서명: 쿠키 속 상태, 서버의 서명
signed-lesson-summary = 세션이 더 안전하다면 왜 쿠키를 쓸까요? 세 번째 방식은 상태를 쿠키에 두되 서명합니다. 읽을 수 있고, 위조할 수 없고, 저장소가 필요 없지만, 무효화할 수도 없습니다.
signed-step-1 = 서명 방식에 로그인하세요(아래 버튼). 인스펙터에 내용이 보입니다. 사용자, 역할, 만료 시각이 인코딩되어 있을 뿐입니다.
signed-step-2 = "역할을 instructor로 바꾸기"를 누르세요. 내용은 instructor라고 말하지만 서명은 여전히 student에게 만든 것입니다. "지금 서명 방식"이 로그인 안 됨으로 바뀝니다. 서버가 자기 키로 서명하지 않은 내용을 거부했습니다. 3단계를 위해 다시 로그인하세요.
signed-step-3 = "내 토큰 사본 보관하기"를 누르고(토큰을 엿본 공격자라면 사본을 갖고 있을 것입니다) /signed에서 로그아웃한 뒤 "사본 재전송"을 누르세요. 사본은 여전히 로그인되고, 남은 초가 나옵니다. 서버의 어떤 조치로도 그 시간을 줄일 수 없습니다.
signed-step-4 = 세 방식을 나란히 비교해 보세요. 무엇이 오가는지, JavaScript가 무엇을 보는지, 서버가 무엇을 보관하는지, 로그아웃이 실제로 무엇을 하는지입니다.
signed-nothing-copied = 재전송할 사본이 아직 없습니다. 먼저 "내 토큰 사본 보관하기"를 누르세요.
signed-replay-out = 사본이 더 이상 통하지 않습니다. 만료되었거나 서버가 키를 바꿨습니다.
signed-replay-in = 사본으로 { $user }(역할 { $role })(으)로 앞으로 { $s }초 동안 로그인됩니다. 로그아웃했든 안 했든 마찬가지입니다.
signed-replay = 사본 재전송
signed-copy-done = 보관했습니다. 이제 서명 방식에서 로그아웃한 뒤 사본을 재전송하세요.
signed-not-copied = 공격자는 아직 사본이 없습니다.
signed-copied = 공격자가 여러분의 토큰 사본을 갖고 있습니다(서버에 보관, 보여 주지 않음). 이제 /signed에서 로그아웃하고 재전송하세요.
signed-copy = 내 토큰 사본 보관하기
signed-copy-title = 사본은 로그아웃보다 오래 산다
signed-login-first = 이 브라우저에 서명된 쿠키가 없습니다. 먼저 서명 방식에 로그인하세요.
signed-flip-done = 완료: 여러분의 서명된 쿠키가 student에게 만든 서명 아래에서 instructor라고 주장합니다. "지금 서명 방식"을 보거나 /signed/staff를 여세요.
signed-flip-hint = 여러분의 서명된 쿠키를 고쳐 씁니다. 내용에는 역할 instructor, 점 뒤에는 예전 서명입니다.
signed-flip = 역할을 instructor로 바꾸기
signed-flip-title = 서명은 그대로, 역할만 바꾸기
signed-now = 지금 서명 방식:
signed-tools-title = 공격자의 도구
signed-see = 쿠키를 가진 사람은 누구나 내용을 읽을 수 있고, 고치면 서명이 깨지고, 강사 전용 페이지는 서명된 역할을 믿고, 로그아웃은 사본을 되돌리지 못해 사본은 만료될 때까지 통합니다.
signed-why = 서명은 누가 데이터를 썼는지를 증명할 뿐, 그것이 아직 사실인지나 아직 원하는 것인지는 증명하지 않습니다. 서버는 아무것도 보관하지 않으므로 지울 것도 없습니다.
signed-revoke-title = 서명된 쿠키를 무효화하려면
signed-revoke = 서버는 토큰에 대해 아무것도 보관하지 않으므로 지울 것도 없습니다. 만료 전에 토큰 하나를 끝내려면 결국 무언가를 기억해야 합니다. 만료될 때까지 무효화한 토큰의 목록(거부 목록)을 두거나, 모든 토큰에 사용자별 버전 번호를 싣고 요청마다 확인하는 것입니다. 둘 다 상태를 서버로, 조회를 모든 요청으로 되돌려 놓습니다. 세션 방식이 처음부터 하는 일입니다. 나머지 방법은 거칩니다. 만료를 짧게 하고 갱신 단계를 두거나, 키를 바꿔 모두를 로그아웃시키는 것입니다(Java용 OWASP JWT 치트 시트의 "Token Explicit Revocation by the User" 절).
signed-revoke-try = 직접 확인해 보세요. 여러분의 계정으로 서명 방식과 세션 방식에 로그인한 뒤 /session/password에서 비밀번호를 바꿉니다. 다른 세션은 끝나고 쿠키 방식의 옛 사본은 검증을 통과하지 못하지만, 바꾸기 전에 발급된 서명 토큰은 만료될 때까지 계속 통합니다.
signed-prevent = 서명된 토큰은 수명을 짧게 하고, 비밀은 넣지 말고(읽을 수 있으니까), 키가 샜을 수 있으면 바꾸고, 로그아웃이 정말로 접근을 끝내야 하는 곳에서는 서버에 무효화 목록(또는 사용자별 버전)을 두세요.

## /lab/csrf
csrf-title = 사이트 간 요청 위조 (CSRF)
csrf-summary = 다른 사이트의 페이지가 이 사이트로 폼을 전송하고, 브라우저는 여러분의 쿠키를 알아서 붙입니다. 어느 방식이 위조된 폼이 시키는 대로 하는지, 그리고 무엇이 그것을 막는지 확인하세요. SameSite, 그리고 다른 사이트는 알 수 없는 토큰입니다.
csrf-results-title = 위조된 요청이 한 일
csrf-results-none = 아직 없습니다. 아래 단계를 따라 하면 위조된 요청마다 결과가 여기, 맨 위에 나타납니다.
csrf-result-cookies = 브라우저가 붙인 쿠키:
csrf-result-no-cookies = 이 앱의 쿠키는 없음
csrf-outcome-done = 실행됨 ({ $user }): 위조된 요청이 공격자에게 100점을 보냈을 것입니다.
csrf-outcome-token = 거부됨: 브라우저는 { $user }의 세션 ID를 보냈지만, 폼에 세션의 토큰이 없었습니다.
csrf-outcome-no-login = 로그인 안 됨: 브라우저가 이 방식의 로그인 쿠키를 붙이지 않아서 요청은 아무 일도 하지 않았습니다.
csrf-outcome-rejected = 로그인 안 됨: 함께 온 쿠키가 검증을 통과하지 못했습니다.
csrf-you-are = 지금 로그인 상태:
csrf-nobody = 로그인 안 됨
csrf-step-1 = 쿠키 방식과 세션 방식에 로그인하세요(아래 버튼). 버튼 위의 줄에 각 방식에서 여러분이 누구인지 나옵니다.
csrf-step-2 = "공격자의 사이트 열기: 같은 사이트"를 누르세요. 이 서버의 다른 포트, 곧 다른 출처에서 열립니다. 거기서 쿠키 방식의 버튼을 누르면 이 페이지로 돌아오고, 맨 위의 결과가 실행됨이라고 말합니다.
csrf-step-3 = 공격자의 사이트를 다시 열고 세션 방식의 버튼을 누르세요. 브라우저는 sid를 그대로 보냈지만 결과는 거부됨입니다. 폼에 토큰이 없었기 때문입니다.
csrf-step-4 = "공격자의 사이트 열기: 다른 사이트"를 누르고(이 서버를 127.0.0.1이나 localhost로 열었을 때 나옵니다) 쿠키 방식을 다시 시도하세요. SameSite=Lax이면 브라우저는 사이트 간 POST에 쿠키를 싣지 않으므로 로그인 안 됨입니다.
csrf-step-5 = "쿠키 방식의 SameSite"에서 None을 고르고 4단계를 반복하세요. 이제 쿠키가 함께 가고 위조된 요청이 실행됩니다. Strict를 고르고 2단계를 반복하세요. 같은 호스트의 다른 포트는 같은 사이트이므로 쿠키는 여전히 함께 갑니다.
csrf-step-6 = 공격자의 사이트에서 "abc로 로그인시키기"를 누르세요. 진짜 로그인은 다른 출처에서 온 폼을 거부합니다(403). 이것이 로그인 CSRF이고, 로그인 폼에도 방어가 필요한 이유입니다.
csrf-attacker-title = 공격자의 사이트
csrf-open-same-site = 공격자의 사이트 열기: 같은 사이트 (포트 { $port })
csrf-open-cross-site = 공격자의 사이트 열기: 다른 사이트 ({ $host })
csrf-no-cross-site = 이 서버에 루프백 쌍이 없는 이름으로 접속했으므로 같은 사이트 변형만 제공합니다. 서버가 도는 컴퓨터에서 이 페이지를 127.0.0.1로 열면 다른 변형도 나타납니다.
csrf-site-down = 이 서버에서 공격자의 사이트를 시작하지 못했습니다(이유는 서버 로그에 있습니다).
csrf-samesite-title = 쿠키 방식의 SameSite
csrf-samesite-lead = 쿠키 방식의 쿠키 세 개에는 SameSite={ $value }가 붙어 있습니다. 다른 값으로 다시 설정하세요.
csrf-samesite-set = 완료: 쿠키 방식의 쿠키를 SameSite={ $value }로 다시 설정했습니다.
csrf-samesite-login-first = 먼저 쿠키 방식에 로그인하세요. 바꿀 쿠키가 없습니다.
csrf-samesite-none-hint = SameSite=None에는 Secure가 필요합니다. 평문 HTTP에서 브라우저는 localhost나 127.0.0.1 같은 루프백 호스트에서 온 Secure 쿠키만 받아들입니다. 다른 곳에서는 브라우저가 쿠키를 버리고, 여러분은 쿠키 방식에서 로그아웃됩니다.
csrf-see = 쿠키 방식은 어떤 페이지든 브라우저가 폼을 전송하게 만들기만 하면, 로그인한 브라우저가 보내게 된 요청을 그대로 실행합니다. 쿠키가 증명의 전부이기 때문입니다. 세션 방식의 sid도 똑같이 도착하지만, 그 방식의 모든 폼에는 자기 페이지만 아는 토큰이 함께 실리므로 위조된 요청은 거부됩니다. CSRF를 막는 것은 서버 세션이 아니라 토큰입니다.
csrf-why = 브라우저는 어느 페이지가 시작했든 그 사이트로 가는 요청에 그 사이트의 쿠키를 붙입니다. SameSite는 요청이 어디서 왔는지에 따라 이를 제한합니다. Strict는 다른 사이트가 시작한 요청에는 쿠키를 절대 보내지 않고, Lax는 GET 같은 안전한 메서드의 최상위 이동에만 보내며, None은 늘 보내고 Secure를 요구합니다(RFC 6265bis, 4.1.2.7절 "The SameSite Attribute").
csrf-same-site-not-origin = 같은 사이트는 같은 출처가 아닙니다. 출처는 스킴, 호스트, 포트이고, 사이트는 스킴과 등록 가능한 도메인입니다(주소라면 주소 자체). 이 호스트의 다른 포트나 형제 서브도메인은 같은 사이트의 다른 출처이고, SameSite는 그것을 전혀 막지 못합니다. 그래서 다른 포트에 있는 공격자의 사이트는 SameSite=Strict여도 쿠키 방식에 성공합니다.
csrf-login-csrf = 로그인 CSRF는 공격을 뒤집습니다. 위조된 로그인이 피해자의 브라우저를 공격자의 계정에 넣고, 피해자가 그다음에 입력하거나 올리는 것은 그 계정으로 갑니다. 로그인 폼에는 아직 세션 토큰이 없으므로 세션 전 토큰이나 Origin 검사가 필요합니다. 이 앱은 이 실습의 대상 세 개를 빼고 다른 출처에서 온 상태 변경 요청을 모두 거부합니다(OWASP CSRF 방지 치트 시트의 "Possible CSRF Vulnerabilities in Login Forms" 절).
csrf-prevent = 상태를 바꾸는 모든 폼에 세션에 묶인 토큰을 넣고 서버에서 확인하세요(OWASP CSRF 방지 치트 시트의 "Synchronizer Token Pattern" 절). 두 번째 방어로 SameSite=Lax나 Strict를 더하고, 상태를 바꾸는 요청에서는 Origin이나 Sec-Fetch-Site를 확인하고, GET으로는 절대 상태를 바꾸지 마세요.
csrf-site-title = 축하합니다, 당첨되셨습니다!
csrf-site-banner = 이 페이지는 다른 사이트를 흉내 냅니다. { $victim }의 실습이 아니라 { $origin }에서 제공됩니다.
csrf-site-lead = 버튼을 눌러 상품을 받으세요. 버튼마다 실습의 한 방식으로 전송되는 폼이고, 어떤 쿠키가 함께 갈지는 브라우저가 정합니다.
csrf-site-claim-cookie = 받기 (쿠키 방식)
csrf-site-claim-session = 받기 (세션 방식)
csrf-site-claim-signed = 받기 (서명 방식)
csrf-site-login-title = 로그인 CSRF
csrf-site-login-lead = 이 폼은 abc의 이름과 비밀번호를 실습의 진짜 로그인으로 보내, 여러분의 브라우저를 공격자가 고른 계정에 넣으려고 합니다.
csrf-site-login = abc로 로그인시키기
csrf-site-back = 실습으로 돌아가기
