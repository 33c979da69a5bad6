//! The class's live events across instances: with the Redis store, every instance publishes the
//! events it emits on one Redis channel (and keeps them in a bounded recent list), and every
//! instance delivers what arrives on that channel to its own dashboards. So a dashboard served
//! by one instance shows the logins served by all of them.
//!
//! Losing Redis: an event that cannot be published is still shown on this instance's dashboards;
//! the subscription is pinged every [`HEARTBEAT`] (a Redis that stops answering without closing
//! the connection counts as lost), opened again every [`RETRY`] with the recent list read again
//! (so a dashboard misses nothing Redis kept), and until then the dashboards say the feed is
//! reconnecting ([`EventBus::set_feed_live`]).

use std::time::Duration;

use rocket::fairing::AdHoc;
use rocket::futures::StreamExt;
use rocket::tokio::sync::mpsc;
use rocket::tokio::time::{interval, timeout, MissedTickBehavior};
use rocket::Shutdown;

use crate::events::{ClassEvent, EventBus, RECENT};
use crate::storage::ClassRedis;

/// Events waiting to be published; past this, an event is shown on this instance only.
const WAITING: usize = 1024;
/// How long after losing the subscription it is opened again.
const RETRY: Duration = Duration::from_millis(500);
/// How long opening the subscription, or an answer to a ping on it, may take.
const CONNECT_WITHIN: Duration = Duration::from_secs(2);
/// How often the subscription is pinged.
const HEARTBEAT: Duration = Duration::from_secs(3);

/// Starts the relay at liftoff when the class's state lives in Redis.
pub fn relay() -> AdHoc {
    AdHoc::on_liftoff("Class event relay", |rocket| {
        Box::pin(async move {
            let (Some(bus), Some(redis)) = (rocket.state::<EventBus>(), rocket.state::<ClassRedis>()) else {
                return;
            };
            let (sender, receiver) = mpsc::channel(WAITING);
            bus.relay_through(sender);
            rocket::tokio::spawn(publish(bus.clone(), redis.clone(), receiver));
            rocket::tokio::spawn(subscribe(bus.clone(), redis.clone(), rocket.shutdown()));
        })
    })
}

/// Publishes what this instance emits; what cannot be published is shown here only.
async fn publish(bus: EventBus, redis: ClassRedis, mut events: mpsc::Receiver<ClassEvent>) {
    while let Some(event) = events.recv().await {
        let Ok(json) = serde_json::to_string(&event) else {
            continue;
        };
        if redis.publish(&json, RECENT).await.is_err() {
            bus.set_feed_live(false);
            bus.deliver(event);
        }
    }
}

/// Delivers what every instance publishes, for as long as the app runs.
async fn subscribe(bus: EventBus, redis: ClassRedis, mut shutdown: Shutdown) {
    loop {
        rocket::tokio::select! {
            _ = &mut shutdown => return,
            _ = listen(&bus, &redis) => {}
        }
        bus.set_feed_live(false);
        rocket::tokio::select! {
            _ = &mut shutdown => return,
            _ = rocket::tokio::time::sleep(RETRY) => {}
        }
    }
}

/// One subscription, until the connection ends or stops answering.
async fn listen(bus: &EventBus, redis: &ClassRedis) {
    // A Redis that does not answer at all (no refusal either, or paused) is retried like one
    // that is down.
    let opened = timeout(CONNECT_WITHIN, async {
        let (mut sink, messages) = redis.pubsub().await.ok()?.split();
        sink.subscribe(redis.events_channel()).await.ok()?;
        // Subscribed first, then the list: an event published in between arrives both ways
        // and is kept once.
        let list = redis.recent(RECENT).await.ok()?;
        Some((sink, messages, list))
    });
    let Ok(Some((mut sink, mut messages, list))) = opened.await else {
        return;
    };
    bus.remember(list.iter().rev().filter_map(|json| parse(json)));
    bus.set_feed_live(true);
    let mut beats = interval(HEARTBEAT);
    beats.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        rocket::tokio::select! {
            message = messages.next() => match message {
                Some(message) => {
                    if let Some(event) = message.get_payload::<String>().ok().as_deref().and_then(parse) {
                        bus.deliver(event);
                    }
                }
                None => return,
            },
            _ = beats.tick() => {
                // A connection that stopped answering without closing (a paused or cut-off
                // Redis) would otherwise look live while nothing arrives.
                if !matches!(timeout(CONNECT_WITHIN, sink.ping::<redis::Value>()).await, Ok(Ok(_))) {
                    return;
                }
            }
        }
    }
}

fn parse(json: &str) -> Option<ClassEvent> {
    serde_json::from_str(json).ok()
}
