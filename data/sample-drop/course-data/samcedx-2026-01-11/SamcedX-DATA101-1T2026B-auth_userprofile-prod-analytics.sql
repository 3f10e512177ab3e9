id	user_id	name	language	location	meta	courseware	gender	mailing_address	year_of_birth	level_of_education	goals	allow_certificate	country	city	bio	profile_image_uploaded_at
71	1061	Nadia Novak	Swedish		{"old_names": []}	course.xml		NULL	NULL	none		1	BR	Recife	NULL	NULL
72	1062	Alva Haddad	Deutsch	home		course.xml	NULL	91 Example Road	NULL		Upskill for work	1	FR		NULL	NULL
73	1063	Elsa Kim			{"old_names": []}	course.xml	o	NULL	1972	NULL	NULL	1	DE			NULL
74	1064	Lucas Kim	Swedish		{"old_emails": []}	course.xml	NULL	NULL	1955	p	Upskill for work	1	FR		Hello!	2024-09-02 18:47:34
75	1065	Chloe Fischer	Swedish	Sweden	{"old_names": []}	course.xml	f	NULL	1999	m		1	FR			NULL
