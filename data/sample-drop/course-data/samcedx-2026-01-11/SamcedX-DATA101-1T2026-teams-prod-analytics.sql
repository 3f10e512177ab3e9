id	team_id	name	course_id	topic_id	date_created	description	country	language	discussion_topic_id	last_activity_at	team_size
41	data-detectives-c08c26e573faa207223a313905f1ae8d	Data Detectives	course-v1:SamcedX+DATA101+1T2026	study-groups	2025-11-30 10:00:00	Swedish-speaking study group	SE	sv	b48d04344e2702cb5a407d84925493a5	2025-11-30 19:00:00	2
42	chart-club-676c74ae3e1dc8f2c9bafd52d23f9bc0	Chart Club	course-v1:SamcedX+DATA101+1T2026	projects	2025-12-18 17:30:00	We share one chart a week.		en	2a9d4fb24c88cadd1b277d34805c8e63	2026-01-02 06:16:39	5
